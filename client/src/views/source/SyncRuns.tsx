import { DataTable } from '../../components/DataTable';
import { formatCount, formatDateTime } from '../../format';
import type { DelightedSourceStateFragment } from '../../generated/graphql';

/** The latest sync runs, newest first, failed ones marked. */
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
