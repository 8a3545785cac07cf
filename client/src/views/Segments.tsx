import { useState } from 'preact/hooks';
import { gql } from '../api';
import { ChartFrame } from '../components/ChartFrame';
import { ControlsBar } from '../components/Controls';
import { DataTable } from '../components/DataTable';
import { ShareBar } from '../components/ShareBar';
import { Empty, ErrorNotice, Loading, WaitingForData } from '../components/States';
import type { ViewContext } from '../context';
import { csvName, downloadCsv } from '../csv';
import {
  type NpsSegment,
  SegmentMembersDocument,
  type SegmentMemberRowFragment,
  type SegmentMembersQuery,
  SegmentSummaryDocument,
} from '../generated/graphql';
import { formatCount, formatDate, formatLastDay, formatShare } from '../format';
import { useCommittedText, useQuery } from '../hooks';
import { SEGMENT_COLORS, SEGMENT_LABELS, SEGMENTS } from '../palette';
import { filterVariable } from '../range';
import { WaitingHint } from './Overview';
import { Transitions } from './segments/Transitions';
import { EXPORT_PAGE_SIZE } from '../export-page';

const PAGE_SIZE = 25;
const EXPORT_LIMIT = 100_000;

function propertiesText(properties: Record<string, unknown> | undefined): string {
  if (!properties) return '';
  return Object.entries(properties)
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(', ');
}

/** Promoters, passives and detractors by each respondent's latest answer; members paged. */
export function Segments({ ctx }: { ctx: ViewContext }) {
  const { env, range, controls, filter } = ctx;
  const requested = ctx.settings.get('segment') as NpsSegment | null;
  const segment: NpsSegment = requested && SEGMENTS.includes(requested) ? requested : 'PROMOTER';
  const search = ctx.settings.get('q') || null;
  const [find, setFind] = useCommittedText(search ?? '', (text) =>
    ctx.setSettings({ q: text || null }),
  );
  // Pages of this segment and search; another one starts at its first page.
  const pagesOf = `${segment}|${search ?? ''}`;
  const [paging, setPaging] = useState({ of: pagesOf, cursors: [null] as Array<string | null> });
  const cursors = paging.of === pagesOf ? paging.cursors : [null];
  const setCursors = (next: Array<string | null>) => setPaging({ of: pagesOf, cursors: next });
  const [exporting, setExporting] = useState<string | null>(null);
  const maxAgeDays = range.days !== null && range.days <= 3650 ? range.days : null;
  const base = {
    env: env.id,
    asOf: range.to,
    maxAgeDays,
    filter: filterVariable(filter),
  };
  const summary = useQuery(range.error || range.loading ? null : SegmentSummaryDocument, base);
  const after = cursors[cursors.length - 1];
  const members = useQuery(range.error || range.loading ? null : SegmentMembersDocument, {
    ...base,
    segment,
    first: PAGE_SIZE,
    after,
    search,
  });

  const choose = (next: NpsSegment) =>
    ctx.setSettings({ segment: next === 'PROMOTER' ? null : next });

  const exportAll = async () => {
    const rows: SegmentMemberRowFragment[] = [];
    let cursor: string | null = null;
    setExporting('Exporting…');
    try {
      for (;;) {
        const page: SegmentMembersQuery = await gql(SegmentMembersDocument, {
          ...base,
          segment,
          first: EXPORT_PAGE_SIZE,
          after: cursor,
          search,
        });
        if (!page.environment) throw new Error('This environment no longer exists.');
        const connection = page.environment.segmentMembers;
        rows.push(...connection.edges.map((edge) => edge.node));
        setExporting(
          `Exporting… ${formatCount(rows.length)} of ${formatCount(connection.totalCount)}`,
        );
        if (!connection.pageInfo.hasNextPage || rows.length >= EXPORT_LIMIT) break;
        cursor = connection.pageInfo.endCursor;
      }
      downloadCsv(
        csvName('segment', segment, 'as-of', range.to.slice(0, 10)),
        [
          'segment',
          'score',
          'responded_at',
          'email',
          'person_id',
          'identity',
          'comment',
          'properties',
        ],
        rows.map((row) => [
          segment,
          row.score,
          row.respondedAt,
          row.email,
          row.personId,
          row.user?.identity,
          row.comment,
          row.user ? JSON.stringify(row.user.properties) : null,
        ]),
      );
      setExporting(null);
    } catch (error) {
      setExporting(`Export failed: ${(error as Error).message}`);
    }
  };

  const counts = summary.data?.environment?.segmentSummary;
  const ordered = counts
    ? SEGMENTS.map(
        (name) =>
          counts.find((item) => item.segment === name) ?? { segment: name, count: 0, share: null },
      )
    : undefined;
  const total = ordered?.reduce((sum, item) => sum + item.count, 0) ?? 0;
  const connection = members.data?.environment?.segmentMembers;
  const pageRows = (connection?.edges ?? []).map((edge) => edge.node);
  const asOfText = `the end of ${formatLastDay(range.to, controls.timezone)}`;

  return (
    <>
      <ControlsBar
        controls={controls}
        onChange={ctx.setControls}
        range={range}
        environmentTimezone={env.timezone}
        show={{ interval: false, dedupe: false }}
      />
      {range.empty ? (
        <WaitingForData>
          <WaitingHint ctx={ctx} />
        </WaitingForData>
      ) : summary.error ? (
        <ErrorNotice error={summary.error} onRetry={summary.reload} />
      ) : !ordered ? (
        <Loading label="Loading segments…" />
      ) : total === 0 ? (
        <Empty title="No respondents in this range">Choose a longer range.</Empty>
      ) : (
        <ChartFrame
          title="Segments"
          subtitle={`Each respondent's latest answer as of ${asOfText}${maxAgeDays ? `, no older than ${maxAgeDays} days` : ''}.`}
          testId="segment-summary"
          busy={summary.loading}
          chart={<ShareBar items={ordered} label="Respondents by segment" />}
          table={() => (
            <DataTable
              caption="Respondents by segment"
              rows={ordered}
              rowKey={(item) => item.segment}
              columns={[
                {
                  key: 'segment',
                  label: 'Segment',
                  render: (item) => SEGMENT_LABELS[item.segment],
                },
                {
                  key: 'count',
                  label: 'Respondents',
                  numeric: true,
                  render: (item) => formatCount(item.count),
                },
                {
                  key: 'share',
                  label: 'Share',
                  numeric: true,
                  render: (item) => formatShare(item.share),
                },
              ]}
            />
          )}
          csv={() => ({
            filename: csvName('segments-as-of', range.to.slice(0, 10)),
            header: ['segment', 'respondents', 'share', 'as_of', 'max_age_days'],
            rows: ordered.map((item) => [
              item.segment,
              item.count,
              item.share,
              range.to,
              maxAgeDays,
            ]),
          })}
        />
      )}
      {ordered && total > 0 && (
        <section class="card" aria-labelledby="members-title" data-testid="segment-members">
          <header class="card-header">
            <div>
              <h2 id="members-title">Members</h2>
              <p class="card-subtitle">Newest answer first, with the matched user.</p>
            </div>
            <div class="card-actions">
              <button
                type="button"
                class="button button-quiet"
                disabled={exporting?.startsWith('Exporting') ?? false}
                onClick={() => void exportAll()}
              >
                Export {SEGMENT_LABELS[segment].toLowerCase()} (CSV)
              </button>
            </div>
          </header>
          {exporting && (
            <p class="muted" role="status">
              {exporting}
            </p>
          )}
          <div class="tabs" role="tablist" aria-label="Segment">
            {ordered.map((item) => (
              <button
                key={item.segment}
                type="button"
                role="tab"
                id={`tab-${item.segment}`}
                aria-selected={segment === item.segment}
                aria-controls="members-panel"
                tabIndex={segment === item.segment ? 0 : -1}
                onClick={() => choose(item.segment)}
                onKeyDown={(event) => {
                  const index = SEGMENTS.indexOf(item.segment);
                  const delta = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
                  if (!delta) return;
                  const next = SEGMENTS[(index + delta + SEGMENTS.length) % SEGMENTS.length];
                  choose(next);
                  document.getElementById(`tab-${next}`)?.focus();
                }}
              >
                <span class="swatch" style={{ background: SEGMENT_COLORS[item.segment] }} />
                {SEGMENT_LABELS[item.segment]}{' '}
                <span class="muted">({formatCount(item.count)})</span>
              </button>
            ))}
          </div>
          <div id="members-panel" role="tabpanel" aria-labelledby={`tab-${segment}`}>
            <label class="control find">
              <span>Search members</span>
              <input
                type="search"
                name="findMember"
                value={find}
                placeholder="email, person, identity or comment"
                onInput={(event) => setFind(event.currentTarget.value)}
              />
            </label>
            {members.error ? (
              <ErrorNotice error={members.error} onRetry={members.reload} />
            ) : !connection ? (
              <Loading />
            ) : connection.totalCount === 0 ? (
              <Empty
                title={
                  search
                    ? `No ${SEGMENT_LABELS[segment].toLowerCase()} match “${search}”`
                    : `No ${SEGMENT_LABELS[segment].toLowerCase()}`
                }
              />
            ) : (
              <div class={members.loading ? 'is-busy' : undefined}>
                <DataTable
                  caption={`${SEGMENT_LABELS[segment]}: members`}
                  testId="members-table"
                  rows={pageRows}
                  rowKey={(row, index) => `${row.personId ?? row.email ?? ''}|${index}`}
                  columns={[
                    {
                      key: 'who',
                      label: 'Respondent',
                      render: (row) => row.email ?? row.personId ?? '—',
                    },
                    {
                      key: 'user',
                      label: 'User',
                      render: (row) => row.user?.identity ?? 'unmatched',
                    },
                    { key: 'score', label: 'Score', numeric: true, render: (row) => row.score },
                    {
                      key: 'at',
                      label: 'Answered',
                      render: (row) => formatDate(row.respondedAt, controls.timezone),
                    },
                    {
                      key: 'comment',
                      label: 'Comment',
                      render: (row) => <span class="comment-cell">{row.comment ?? ''}</span>,
                    },
                    {
                      key: 'properties',
                      label: 'Properties',
                      render: (row) => (
                        <span class="muted small">{propertiesText(row.user?.properties)}</span>
                      ),
                    },
                  ]}
                />
                <nav class="pager" aria-label="Members pages">
                  <button
                    type="button"
                    class="button button-quiet"
                    disabled={cursors.length <= 1}
                    onClick={() => setCursors(cursors.slice(0, -1))}
                  >
                    ← Previous
                  </button>
                  <span class="muted" data-testid="members-page">
                    Page {cursors.length} of{' '}
                    {Math.max(1, Math.ceil(connection.totalCount / PAGE_SIZE))} ·{' '}
                    {formatCount(connection.totalCount)} members
                  </span>
                  <button
                    type="button"
                    class="button button-quiet"
                    disabled={!connection.pageInfo.hasNextPage}
                    onClick={() => setCursors([...cursors, connection.pageInfo.endCursor])}
                  >
                    Next →
                  </button>
                </nav>
              </div>
            )}
          </div>
        </section>
      )}
      <Transitions ctx={ctx} />
    </>
  );
}
