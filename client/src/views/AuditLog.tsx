import { useState } from 'preact/hooks';
import { DataTable } from '../components/DataTable';
import { ErrorNotice, Loading } from '../components/States';
import type { ViewContext } from '../context';
import { AuditLogDocument, type AuditLogQuery } from '../generated/graphql';
import { useQuery } from '../hooks';
import { formatDateTime } from './members/format';

type Entry = AuditLogQuery['auditLog']['edges'][number]['node'];
const PAGE = 50;

/** What was done in the open environment, by whom, from where; newest first (ADMIN). */
export function AuditLog({ ctx }: { ctx: ViewContext }) {
  const { env } = ctx;
  const [action, setAction] = useState('');
  const [after, setAfter] = useState<string | null>(null);
  const log = useQuery(
    AuditLogDocument,
    { env: env.id, first: PAGE, after, action: action || null },
    { cache: false },
  );
  const data = log.data?.auditLog;
  return (
    <section class="card" aria-labelledby="audit-title">
      <header class="card-header">
        <div>
          <h2 id="audit-title">Audit log</h2>
          <p class="card-subtitle">
            Entries are never changed or deleted. {data ? `${data.totalCount} in all.` : ''}
          </p>
        </div>
        <label class="control">
          <span>Action</span>
          <input
            name="action"
            placeholder="e.g. member.invite"
            value={action}
            onChange={(event) => {
              setAfter(null);
              setAction(event.currentTarget.value.trim());
            }}
          />
        </label>
      </header>
      {log.error && <ErrorNotice error={log.error} onRetry={log.reload} />}
      {!data && !log.error && <Loading label="Loading the audit log…" />}
      {data && (
        <>
          <DataTable<Entry>
            caption="Audit log"
            testId="audit-table"
            rows={data.edges.map((edge) => edge.node)}
            rowKey={(row) => row.id}
            columns={[
              {
                key: 'at',
                label: 'When',
                nowrap: true,
                render: (row) => formatDateTime(row.at, env.timezone),
              },
              { key: 'action', label: 'Action', render: (row) => <code>{row.action}</code> },
              {
                key: 'actor',
                label: 'Who',
                render: (row) => `${row.actor.label} (${row.actor.kind})`,
              },
              { key: 'target', label: 'On', render: (row) => row.target ?? '—' },
              {
                key: 'details',
                label: 'Details',
                render: (row) => <code class="small">{JSON.stringify(row.details)}</code>,
              },
              { key: 'ip', label: 'From', render: (row) => row.ip ?? '—' },
            ]}
          />
          <div class="pager">
            {after && (
              <button type="button" class="button button-quiet" onClick={() => setAfter(null)}>
                Newest
              </button>
            )}
            {data.pageInfo.hasNextPage && (
              <button
                type="button"
                class="button button-quiet"
                onClick={() => setAfter(data.pageInfo.endCursor)}
              >
                Older entries
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}
