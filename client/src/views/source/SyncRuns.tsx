import { DataTable } from '../../components/DataTable';
import { formatCount, formatDateTime } from '../../format';
import type { DelightedSourceStateFragment, SyncRunRowFragment } from '../../generated/graphql';

/**
 * Responses a run fetched that it neither added nor changed: Delighted sent them again as stored
 * (the API counts fetched, new and updated only).
 */
export function unchangedOf(run: SyncRunRowFragment): number {
  return Math.max(0, run.responsesFetched - run.responsesInserted - run.responsesUpdated);
}

/** What the Sync now just did: "Sync succeeded: fetched 4 · 3 new · 0 updated · 1 unchanged." */
export function SyncResult({ run }: { run: SyncRunRowFragment }) {
  return (
    <p class="muted small" role="status" data-testid="sync-result">
      Sync {run.outcome.toLowerCase()}
      {run.error
        ? `: ${run.error}`
        : `: fetched ${formatCount(run.responsesFetched)} · ${formatCount(run.responsesInserted)} new · ${formatCount(run.responsesUpdated)} updated · ${formatCount(unchangedOf(run))} unchanged.`}
    </p>
  );
}

/** The latest sync runs, newest first, failed ones marked; what each count means is said. */
export function SyncRuns({
  syncRuns,
  timezone,
}: {
  syncRuns: DelightedSourceStateFragment['syncRuns'];
  timezone: string;
}) {
  const runs = syncRuns.edges.map((edge) => edge.node);
  return (
    <section class="card" aria-labelledby="runs-title" data-testid="sync-runs">
      <header class="card-header">
        <div>
          <h2 id="runs-title">Sync history</h2>
          <p class="card-subtitle">Newest first · {formatCount(syncRuns.totalCount)} runs</p>
          <p class="card-subtitle" data-testid="sync-runs-legend">
            Fetched: responses Delighted sent. New: stored for the first time. Updated: changed
            since stored. Unchanged: sent again as already stored (each sync re-reads a few minutes
            before where the last one stopped, so no response or edit is missed).
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
              render: (run) => formatDateTime(run.startedAt, timezone),
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
              key: 'unchanged',
              label: 'Unchanged',
              numeric: true,
              render: (run) => formatCount(unchangedOf(run)),
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
  );
}
