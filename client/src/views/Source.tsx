import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { Problem } from '../api';
import { DataTable } from '../components/DataTable';
import { ErrorNotice, Loading } from '../components/States';
import type { ViewContext } from '../context';
import { formatCount, formatDateTime, formatDuration } from '../format';
import {
  ConnectDelightedDocument,
  type DelightedSourceStatus,
  DisconnectDelightedDocument,
  ImportCsvDocument,
  PropertySampleDocument,
  SetEmailPropertyDocument,
  SourceDocument,
  SyncDelightedDocument,
} from '../generated/graphql';
import { useMutation, useQuery } from '../hooks';

const STATUS_TEXT: Record<DelightedSourceStatus, string> = {
  CONNECTED: 'Connected',
  WAITING_FOR_DATA: 'Waiting For Data',
  ERROR: 'Error',
  DISCONNECTED: 'Disconnected',
};

function Step({
  number,
  title,
  state,
  children,
}: {
  number: number;
  title: string;
  state: 'done' | 'current' | 'waiting';
  children: ComponentChildren;
}) {
  return (
    <li class={`step step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
      <div class="step-marker" aria-hidden="true">
        {state === 'done' ? '✓' : number}
      </div>
      <div class="step-body">
        <h3>
          {title}
          <span class="visually-hidden">
            {state === 'done' ? ' (done)' : state === 'current' ? ' (current step)' : ' (later)'}
          </span>
        </h3>
        {children}
      </div>
    </li>
  );
}

/** Delighted connection wizard, backfill progress, sync history and CSV import (ADMIN/ARCHITECT). */
export function Source({ ctx }: { ctx: ViewContext }) {
  const { env } = ctx;
  const source = useQuery(SourceDocument, { env: env.id }, { pollMs: 2000 });
  const sample = useQuery(PropertySampleDocument, { env: env.id });
  const setEmail = useMutation(SetEmailPropertyDocument);
  const connect = useMutation(ConnectDelightedDocument);
  const sync = useMutation(SyncDelightedDocument);
  const disconnect = useMutation(DisconnectDelightedDocument);
  const importer = useMutation(ImportCsvDocument);
  const [property, setProperty] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [apiUrl, setApiUrl] = useState('');
  const [confirmDisconnect, setConfirmDisconnect] = useState(false);
  const [file, setFile] = useState<File | null>(null);

  const properties = useMemo(() => {
    const names = new Set<string>(['identity']);
    for (const edge of sample.data?.environment?.users.edges ?? [])
      for (const name of Object.keys(edge.node.properties ?? {})) names.add(name);
    return [...names].sort(
      (a, b) => Number(/mail/i.test(b)) - Number(/mail/i.test(a)) || a.localeCompare(b),
    );
  }, [sample.data]);

  const data = source.data?.environment;
  if (!data) {
    return source.error ? (
      <ErrorNotice error={source.error} onRetry={source.reload} />
    ) : (
      <Loading label="Loading the source…" />
    );
  }
  const delighted = data.delightedSource;
  const connected = delighted !== null && delighted.status !== 'DISCONNECTED';
  const emailDone = data.emailProperty !== null;
  const runs = delighted?.syncRuns.edges.map((edge) => edge.node) ?? [];
  const backfill = delighted?.backfill;
  const percent = backfill ? Math.max(0, Math.min(100, backfill.percent)) : 0;
  const etaMs = backfill?.eta ? Date.parse(backfill.eta) - Date.now() : null;

  const saveEmail = async (event: Event) => {
    event.preventDefault();
    if (!property.trim()) return;
    if (await setEmail.run({ env: env.id, property: property.trim() })) source.reload();
  };
  const saveKey = async (event: Event) => {
    event.preventDefault();
    if (!apiKey.trim()) return;
    const done = await connect.run({
      env: env.id,
      apiKey: apiKey.trim(),
      apiUrl: apiUrl.trim() || null,
    });
    if (done) {
      setApiKey('');
      source.reload();
    }
  };
  const runImport = async (event: Event) => {
    event.preventDefault();
    if (!file) return;
    const csv = await file.text();
    if (await importer.run({ env: env.id, csv })) source.reload();
  };

  return (
    <>
      <section class="card" aria-labelledby="source-title">
        <header class="card-header">
          <div>
            <h2 id="source-title">Delighted</h2>
            <p class="card-subtitle">
              Connect once; the backfill loads every past response, then syncs keep it current.
            </p>
          </div>
        </header>
        <ol class="wizard">
          <Step number={1} title="Email property" state={emailDone ? 'done' : 'current'}>
            {emailDone ? (
              <p data-testid="email-property">
                Responses join users whose <code>{data.emailProperty}</code> equals the respondent's
                email. This is set once and cannot change.
              </p>
            ) : (
              <form class="inline-form" onSubmit={saveEmail}>
                <p class="muted">
                  Which user property holds the email address? Choose <code>identity</code> if the
                  identity you send to /api/track is the email. It cannot be changed later.
                </p>
                <label class="control">
                  <span>User property</span>
                  <input
                    name="emailProperty"
                    list="email-property-suggestions"
                    value={property}
                    autoComplete="off"
                    required
                    onInput={(event) => setProperty(event.currentTarget.value)}
                  />
                </label>
                <datalist id="email-property-suggestions">
                  {properties.map((name) => (
                    <option key={name} value={name} />
                  ))}
                </datalist>
                <button type="submit" class="button" disabled={setEmail.running}>
                  {setEmail.running ? 'Saving…' : 'Save email property'}
                </button>
                {setEmail.error && (
                  <p class="error-text" role="alert">
                    {setEmail.error.message}
                  </p>
                )}
              </form>
            )}
          </Step>
          <Step
            number={2}
            title="API key"
            state={connected ? 'done' : emailDone ? 'current' : 'waiting'}
          >
            {connected && delighted ? (
              <p data-testid="api-key-summary">
                Key ending <code>{delighted.apiKeyLast4}</code> at <code>{delighted.apiUrl}</code>,
                connected {formatDateTime(delighted.connectedAt, env.timezone)}.
              </p>
            ) : (
              <form class="inline-form" onSubmit={saveKey}>
                {delighted?.status === 'DISCONNECTED' && (
                  <p class="muted">Disconnected: stored responses stay. Connect again to resume.</p>
                )}
                <label class="control">
                  <span>Delighted API key</span>
                  <input
                    name="apiKey"
                    type="password"
                    autoComplete="off"
                    spellcheck={false}
                    value={apiKey}
                    required
                    disabled={!emailDone}
                    onInput={(event) => setApiKey(event.currentTarget.value)}
                  />
                </label>
                <details class="advanced">
                  <summary>Advanced: API URL</summary>
                  <label class="control">
                    <span>API URL (leave empty for Delighted; set it for the simulator)</span>
                    <input
                      name="apiUrl"
                      type="url"
                      placeholder="https://api.delighted.com"
                      value={apiUrl}
                      disabled={!emailDone}
                      onInput={(event) => setApiUrl(event.currentTarget.value)}
                    />
                  </label>
                </details>
                <button type="submit" class="button" disabled={!emailDone || connect.running}>
                  {connect.running ? 'Checking the key…' : 'Connect'}
                </button>
                {!emailDone && <p class="muted small">Choose the email property first.</p>}
                {connect.error && (
                  <p class="error-text" role="alert">
                    {connect.error.message}
                  </p>
                )}
              </form>
            )}
          </Step>
          <Step
            number={3}
            title="Status"
            state={connected ? (delighted?.status === 'CONNECTED' ? 'done' : 'current') : 'waiting'}
          >
            {connected && delighted && backfill ? (
              <div class="status-panel">
                <p class="status-line">
                  <span
                    class={`status-badge status-${delighted.status.toLowerCase()}`}
                    data-testid="source-status"
                    data-status={delighted.status}
                  >
                    {STATUS_TEXT[delighted.status]}
                  </span>
                  {delighted.lastSyncAt && (
                    <span class="muted small">
                      Last sync {formatDateTime(delighted.lastSyncAt, env.timezone)}
                    </span>
                  )}
                </p>
                {delighted.lastError && (
                  <p class="error-text" role="alert" data-testid="source-error">
                    {delighted.lastError}
                  </p>
                )}
                <div class="progress-label" id="backfill-label">
                  Backfill {backfill.completedAt ? 'complete' : 'progress'}
                </div>
                <div
                  class="progress"
                  role="progressbar"
                  aria-labelledby="backfill-label"
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={Math.round(percent)}
                  aria-valuetext={`${Math.round(percent)} %`}
                  data-testid="backfill-progress"
                >
                  <div class="progress-fill" style={{ width: `${percent}%` }} />
                </div>
                <p class="small" data-testid="backfill-text">
                  <strong>{Math.round(percent)} %</strong> · {formatCount(backfill.responsesDone)}
                  {backfill.estimatedTotal !== null
                    ? ` of about ${formatCount(backfill.estimatedTotal)}`
                    : ''}{' '}
                  responses · {formatCount(backfill.pagesDone)} pages
                  {!backfill.completedAt && etaMs !== null && backfill.eta && (
                    <>
                      {' '}
                      · about {formatDuration(Math.max(0, etaMs))} left (ETA{' '}
                      {formatDateTime(backfill.eta, env.timezone)})
                    </>
                  )}
                  {backfill.completedAt &&
                    ` · finished ${formatDateTime(backfill.completedAt, env.timezone)}`}
                </p>
                <div class="button-row">
                  <button
                    type="button"
                    class="button"
                    disabled={sync.running}
                    onClick={async () => {
                      if (await sync.run({ env: env.id })) source.reload();
                    }}
                  >
                    {sync.running ? 'Syncing…' : 'Sync now'}
                  </button>
                  {!confirmDisconnect ? (
                    <button
                      type="button"
                      class="button button-danger-quiet"
                      onClick={() => setConfirmDisconnect(true)}
                    >
                      Disconnect…
                    </button>
                  ) : (
                    <span class="confirm" role="group" aria-label="Confirm disconnecting">
                      Stop syncing and forget the key? Stored responses stay.{' '}
                      <button
                        type="button"
                        class="button button-danger"
                        disabled={disconnect.running}
                        onClick={async () => {
                          if (await disconnect.run({ env: env.id })) {
                            setConfirmDisconnect(false);
                            source.reload();
                          }
                        }}
                      >
                        Disconnect
                      </button>{' '}
                      <button
                        type="button"
                        class="button button-quiet"
                        onClick={() => setConfirmDisconnect(false)}
                      >
                        Cancel
                      </button>
                    </span>
                  )}
                </div>
                {sync.data && (
                  <p class="muted small" role="status">
                    Sync {sync.data.syncDelighted.outcome.toLowerCase()}
                    {sync.data.syncDelighted.error ? `: ${sync.data.syncDelighted.error}` : '.'}
                  </p>
                )}
                {(sync.error ?? disconnect.error) && (
                  <p class="error-text" role="alert">
                    {(sync.error ?? disconnect.error)!.message}
                  </p>
                )}
              </div>
            ) : (
              <p class="muted">Shows the backfill and syncs once the key is connected.</p>
            )}
          </Step>
        </ol>
      </section>

      {delighted && (
        <section class="card" aria-labelledby="runs-title" data-testid="sync-runs">
          <header class="card-header">
            <div>
              <h2 id="runs-title">Sync history</h2>
              <p class="card-subtitle">
                Newest first · {formatCount(delighted.syncRuns.totalCount)} runs
              </p>
            </div>
          </header>
          {runs.length === 0 ? (
            <p class="muted">No run yet.</p>
          ) : (
            <DataTable
              caption="Sync runs"
              rows={runs}
              rowKey={(run) => run.id}
              rowClass={(run) => (run.outcome === 'FAILED' ? 'failed-row' : undefined)}
              columns={[
                {
                  key: 'started',
                  label: 'Started',
                  render: (run) => formatDateTime(run.startedAt, env.timezone),
                },
                { key: 'trigger', label: 'Trigger', render: (run) => run.trigger.toLowerCase() },
                {
                  key: 'outcome',
                  label: 'Outcome',
                  render: (run) => (
                    <span class={`outcome outcome-${run.outcome.toLowerCase()}`}>
                      {run.outcome.toLowerCase()}
                    </span>
                  ),
                },
                {
                  key: 'pages',
                  label: 'Pages',
                  numeric: true,
                  render: (run) => formatCount(run.pages),
                },
                {
                  key: 'fetched',
                  label: 'Fetched',
                  numeric: true,
                  render: (run) => formatCount(run.responsesFetched),
                },
                {
                  key: 'inserted',
                  label: 'New',
                  numeric: true,
                  render: (run) => formatCount(run.responsesInserted),
                },
                {
                  key: 'updated',
                  label: 'Updated',
                  numeric: true,
                  render: (run) => formatCount(run.responsesUpdated),
                },
                {
                  key: 'retries',
                  label: 'Retries',
                  numeric: true,
                  render: (run) => formatCount(run.retries),
                },
                {
                  key: 'error',
                  label: 'Error',
                  render: (run) => (run.error ? <span class="error-text">{run.error}</span> : ''),
                },
              ]}
            />
          )}
        </section>
      )}

      <section class="card" aria-labelledby="import-title" data-testid="csv-import">
        <header class="card-header">
          <div>
            <h2 id="import-title">Import a CSV export</h2>
            <p class="card-subtitle">
              A Delighted CSV export (or a file with the same headers). A file with any bad row is
              rejected whole; each problem is listed by line and column.
            </p>
          </div>
        </header>
        <form class="inline-form" onSubmit={runImport}>
          <label class="control">
            <span>CSV file</span>
            <input
              type="file"
              name="csvFile"
              accept=".csv,text/csv"
              onChange={(event) => {
                setFile(event.currentTarget.files?.[0] ?? null);
                importer.reset();
              }}
            />
          </label>
          <button type="submit" class="button" disabled={!file || importer.running}>
            {importer.running ? 'Importing…' : 'Import'}
          </button>
        </form>
        {importer.data && (
          <p class="success-text" role="status" data-testid="import-result">
            Imported {formatCount(importer.data.importSurveyResponses.responses)} responses:{' '}
            {formatCount(importer.data.importSurveyResponses.inserted)} new,{' '}
            {formatCount(importer.data.importSurveyResponses.updated)} updated,{' '}
            {formatCount(importer.data.importSurveyResponses.unchanged)} unchanged;{' '}
            {formatCount(importer.data.importSurveyResponses.matched)} matched to users.
          </p>
        )}
        {importer.error && (
          <div role="alert" data-testid="import-errors">
            <p class="error-text">{importer.error.message}</p>
            {importer.error.problems && importer.error.problems.length > 0 && (
              <DataTable<Problem>
                caption="Problems in the file"
                rows={importer.error.problems}
                rowKey={(problem, index) =>
                  `${problem.line ?? ''}|${problem.column ?? ''}|${index}`
                }
                columns={[
                  {
                    key: 'line',
                    label: 'Line',
                    numeric: true,
                    render: (problem) => problem.line ?? '—',
                  },
                  { key: 'column', label: 'Column', render: (problem) => problem.column ?? '—' },
                  { key: 'field', label: 'Field', render: (problem) => problem.field ?? '—' },
                  { key: 'message', label: 'Problem', render: (problem) => problem.message },
                ]}
              />
            )}
          </div>
        )}
      </section>
    </>
  );
}
