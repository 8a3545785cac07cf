import { useState } from 'preact/hooks';
import { gql } from '../../api';
import { DataTable } from '../../components/DataTable';
import { ErrorNotice, Loading } from '../../components/States';
import { csvName, downloadCsv } from '../../csv';
import { formatCount, formatDate, formatLastDay } from '../../format';
import {
  DriverMembersDocument,
  type DriverMembersQuery,
  type NpsSegment,
  type SegmentMemberRowFragment,
  type UserFilter,
} from '../../generated/graphql';
import { useQuery } from '../../hooks';
import { SEGMENT_LABELS } from '../../palette';
import { EXPORT_PAGE_SIZE } from '../../export-page';

const PAGE_SIZE = 25;
// Members per export request: 14 complexity points each, under GRAPHQL_MAX_COMPLEXITY's default 5,000.
const EXPORT_LIMIT = 100_000;

/** Which outreach list: detractors and passives who did not, or promoters who did. */
export type DriverList = 'did-not' | 'did';

interface Row extends SegmentMemberRowFragment {
  segment: NpsSegment;
}

const SEGMENTS_OF: Record<DriverList, NpsSegment[]> = {
  'did-not': ['DETRACTOR', 'PASSIVE'],
  did: ['PROMOTER'],
};

/** "Detractors and passives who did not “Export” in the 30 days before answering". */
export function driverListTitle(list: DriverList, eventType: string, windowDays: number): string {
  return list === 'did'
    ? `Promoters who did “${eventType}” in the ${windowDays} days before answering`
    : `Detractors and passives who did not “${eventType}” in the ${windowDays} days before answering`;
}

/** A driver's members for customer-success outreach, newest answer first, with CSV export. */
export function DriverMembers({
  env,
  eventType,
  list,
  windowDays,
  asOf,
  maxAgeDays,
  filter,
  timezone,
  onClose,
}: {
  env: string;
  eventType: string;
  list: DriverList;
  windowDays: number;
  asOf: string;
  maxAgeDays: number | null;
  filter: UserFilter | null;
  timezone: string;
  onClose: () => void;
}) {
  const segments = SEGMENTS_OF[list];
  const base = {
    env,
    activity: { eventType, did: list === 'did', windowDays },
    asOf,
    maxAgeDays,
    filter,
  };
  const first = useQuery(DriverMembersDocument, {
    ...base,
    segment: segments[0],
    first: PAGE_SIZE,
  });
  const second = useQuery(segments[1] ? DriverMembersDocument : null, {
    ...base,
    segment: segments[1] ?? segments[0],
    first: PAGE_SIZE,
  });
  const [exporting, setExporting] = useState<string | null>(null);
  const answers = [first, ...(segments[1] ? [second] : [])];
  const error = answers.find((answer) => answer.error)?.error;
  const loaded = answers.every((answer) => answer.data?.environment);
  const total = answers.reduce(
    (sum, answer) => sum + (answer.data?.environment?.segmentMembers.totalCount ?? 0),
    0,
  );
  const rows: Row[] = answers
    .flatMap((answer, index) =>
      (answer.data?.environment?.segmentMembers.edges ?? []).map((edge) => ({
        ...edge.node,
        segment: segments[index],
      })),
    )
    .sort((a, b) => (a.respondedAt < b.respondedAt ? 1 : a.respondedAt > b.respondedAt ? -1 : 0));
  const title = driverListTitle(list, eventType, windowDays);

  const exportAll = async () => {
    const all: Row[] = [];
    setExporting('Exporting…');
    try {
      for (const segment of segments) {
        let cursor: string | null = null;
        for (;;) {
          const page: DriverMembersQuery = await gql(DriverMembersDocument, {
            ...base,
            segment,
            first: EXPORT_PAGE_SIZE,
            after: cursor,
          });
          if (!page.environment) throw new Error('This environment no longer exists.');
          const connection = page.environment.segmentMembers;
          all.push(...connection.edges.map((edge) => ({ ...edge.node, segment })));
          setExporting(`Exporting… ${formatCount(all.length)} of ${formatCount(total)}`);
          if (!connection.pageInfo.hasNextPage || all.length >= EXPORT_LIMIT) break;
          cursor = connection.pageInfo.endCursor;
        }
      }
      downloadCsv(
        csvName('driver', eventType, list, 'as-of', asOf.slice(0, 10)),
        ['segment', 'score', 'responded_at', 'email', 'person_id', 'identity', 'comment'],
        all.map((row) => [
          row.segment,
          row.score,
          row.respondedAt,
          row.email,
          row.personId,
          row.user?.identity,
          row.comment,
        ]),
      );
      setExporting(null);
    } catch (failure) {
      setExporting(`Export failed: ${(failure as Error).message}`);
    }
  };

  return (
    <section class="card" aria-labelledby="driver-members-title" data-testid="driver-members">
      <header class="card-header">
        <div>
          <h2 id="driver-members-title">{title}</h2>
          <p class="card-subtitle">
            Matched respondents by their latest answer as of the end of{' '}
            {formatLastDay(asOf, timezone)}
            {maxAgeDays ? ` (answered in the last ${maxAgeDays} days)` : ''}, as the correlation
            counts them.{' '}
            {loaded && (
              <span data-testid="driver-members-total">
                {formatCount(total)} {total === 1 ? 'member' : 'members'}
                {total > rows.length ? `, the newest ${formatCount(rows.length)} shown` : ''}.
              </span>
            )}
          </p>
        </div>
        <div class="card-actions">
          <button
            type="button"
            class="button button-quiet"
            disabled={!loaded || total === 0 || exporting?.startsWith('Exporting')}
            onClick={() => void exportAll()}
          >
            Export CSV
          </button>
          <button type="button" class="button button-quiet" onClick={onClose}>
            Close
          </button>
        </div>
      </header>
      {exporting && (
        <p class="muted small" role="status">
          {exporting}
        </p>
      )}
      {error ? (
        <ErrorNotice error={error} onRetry={() => answers.forEach((answer) => answer.reload())} />
      ) : !loaded ? (
        <Loading label="Finding members…" />
      ) : rows.length === 0 ? (
        <p class="muted" data-testid="driver-members-empty">
          Nobody in this list.
        </p>
      ) : (
        <DataTable<Row>
          caption={title}
          testId="driver-members-table"
          rows={rows}
          rowKey={(row, index) =>
            `${row.segment}|${row.personId ?? ''}|${row.respondedAt}|${index}`
          }
          columns={[
            {
              key: 'email',
              label: 'Email',
              render: (row) => row.email ?? row.user?.identity ?? row.personId ?? '—',
            },
            {
              key: 'segment',
              label: 'Segment',
              render: (row) => SEGMENT_LABELS[row.segment].replace(/s$/, ''),
            },
            { key: 'score', label: 'Score', numeric: true, render: (row) => row.score },
            {
              key: 'respondedAt',
              label: 'Answered',
              nowrap: true,
              render: (row) => formatDate(row.respondedAt, timezone),
            },
            { key: 'identity', label: 'User', render: (row) => row.user?.identity ?? '—' },
            { key: 'comment', label: 'Comment', render: (row) => row.comment ?? '' },
          ]}
        />
      )}
    </section>
  );
}
