import { useEffect, useState } from 'preact/hooks';
import { ControlsBar } from '../components/Controls';
import { Empty, ErrorNotice, Loading, WaitingForData } from '../components/States';
import type { ViewContext } from '../context';
import { csvName, downloadCsv } from '../csv';
import { formatCount, formatDateTime } from '../format';
import {
  type NpsSegment,
  type ResponseItemFragment,
  ResponsesDocument,
} from '../generated/graphql';
import { useCommittedText, useQuery } from '../hooks';
import { SEGMENT_COLORS, SEGMENT_SINGULAR, SEGMENTS, segmentOfScore } from '../palette';
import { WaitingHint } from './Overview';

const PAGE_SIZE = 25;

function readSegment(value: string | null): NpsSegment | '' {
  return SEGMENTS.includes(value as NpsSegment) ? (value as NpsSegment) : '';
}

/** The comment feed, newest first, filterable by segment, date range and text. */
export function Responses({ ctx }: { ctx: ViewContext }) {
  const { env, range, controls, filter } = ctx;
  const segment = readSegment(ctx.settings.get('segment'));
  const searchText = ctx.settings.get('q') ?? '';
  const [search, setSearch] = useCommittedText(searchText, (text) =>
    ctx.setSettings({ q: text || null }),
  );
  const [pages, setPages] = useState<Array<string | null>>([null]);
  const [loaded, setLoaded] = useState<ResponseItemFragment[]>([]);
  const variables = {
    env: env.id,
    from: range.from,
    to: range.to,
    segment: segment || null,
    search: searchText || null,
    first: PAGE_SIZE,
  };
  const key = JSON.stringify(variables);
  const after = pages[pages.length - 1];
  const page = useQuery(range.error || range.loading ? null : ResponsesDocument, {
    ...variables,
    after,
  });

  // A new question starts the feed again.
  useEffect(() => {
    setPages([null]);
    setLoaded([]);
  }, [key]);

  const connection = page.data?.environment?.surveyResponses;
  useEffect(() => {
    if (!connection || page.loading) return;
    setLoaded((previous) => {
      const seen = new Set(previous.map((row) => row.responseId));
      return pages.length === 1
        ? connection.edges.map((edge) => edge.node)
        : [
            ...previous,
            ...connection.edges.map((edge) => edge.node).filter((row) => !seen.has(row.responseId)),
          ];
    });
  }, [connection, page.loading]);

  return (
    <>
      <ControlsBar
        controls={controls}
        onChange={ctx.setControls}
        range={range}
        environmentTimezone={env.timezone}
        show={{ interval: false, dedupe: false }}
      />
      <div class="card settings" role="search" aria-label="Filter responses">
        <div class="settings-grid">
          <div class="control">
            <label for="ctl-segment">Segment</label>
            <select
              id="ctl-segment"
              name="segment"
              value={segment}
              onChange={(event) => ctx.setSettings({ segment: event.currentTarget.value || null })}
            >
              <option value="">All responses</option>
              <option value="PROMOTER">Promoters (9–10)</option>
              <option value="PASSIVE">Passives (7–8)</option>
              <option value="DETRACTOR">Detractors (0–6)</option>
            </select>
          </div>
          <label class="control control-wide">
            <span>Search comments and emails</span>
            <input
              type="search"
              name="search"
              value={search}
              placeholder="e.g. slow"
              onInput={(event) => setSearch(event.currentTarget.value)}
            />
          </label>
          <div class="control control-submit">
            <button
              type="button"
              class="button button-quiet"
              disabled={loaded.length === 0}
              onClick={() =>
                downloadCsv(
                  csvName(
                    'survey-responses',
                    range.from?.slice(0, 10) ?? 'all',
                    range.to.slice(0, 10),
                  ),
                  [
                    'response_id',
                    'responded_at',
                    'survey_type',
                    'score',
                    'comment',
                    'email',
                    'person_id',
                    'identity',
                    'permalink',
                    'source',
                  ],
                  loaded.map((row) => [
                    row.responseId,
                    row.respondedAt,
                    row.surveyType,
                    row.score,
                    row.comment,
                    row.email,
                    row.personId,
                    row.user?.identity,
                    row.permalink,
                    row.source,
                  ]),
                )
              }
            >
              Download loaded (CSV)
            </button>
          </div>
        </div>
        {filter.length > 0 && (
          <p class="muted small">The user-property filter does not apply to this list.</p>
        )}
      </div>
      {range.empty ? (
        <WaitingForData>
          <WaitingHint ctx={ctx} />
        </WaitingForData>
      ) : page.error ? (
        <ErrorNotice error={page.error} onRetry={page.reload} />
      ) : !connection && loaded.length === 0 ? (
        <Loading label="Loading responses…" />
      ) : connection && connection.totalCount === 0 ? (
        <Empty title="No responses match">
          {searchText || segment ? 'Clear the search or segment, or ' : ''}choose a longer range.
        </Empty>
      ) : (
        <section class="card" aria-labelledby="feed-title" data-testid="responses">
          <header class="card-header">
            <div>
              <h2 id="feed-title">Responses</h2>
              <p class="card-subtitle" role="status">
                {connection ? `${formatCount(connection.totalCount)} responses, newest first` : ''}
              </p>
            </div>
          </header>
          <ol class="feed">
            {loaded.map((row) => {
              const category = row.isNps ? segmentOfScore(row.score) : null;
              return (
                <li key={row.responseId} class="feed-item" data-testid="response">
                  <span
                    class="score"
                    style={category ? { borderColor: SEGMENT_COLORS[category] } : undefined}
                    title={category ? SEGMENT_SINGULAR[category] : row.surveyType}
                  >
                    <span class="score-value">{row.score}</span>
                    <span class="score-kind">
                      {category ? SEGMENT_SINGULAR[category] : row.surveyType}
                    </span>
                  </span>
                  <div class="feed-body">
                    <p class={row.comment ? 'comment' : 'comment muted'}>
                      {row.comment ?? 'No comment'}
                    </p>
                    <p class="feed-meta muted small">
                      {formatDateTime(row.respondedAt, controls.timezone)} ·{' '}
                      {row.email ?? row.personId ?? 'anonymous'}
                      {row.user ? ` · user ${row.user.identity}` : ' · unmatched'}
                      {!row.isNps && ` · ${row.surveyType} (not counted in NPS)`}
                      {row.permalink && (
                        <>
                          {' · '}
                          <a href={row.permalink} target="_blank" rel="noopener noreferrer">
                            permalink
                          </a>
                        </>
                      )}
                    </p>
                  </div>
                </li>
              );
            })}
          </ol>
          <div class="pager">
            {connection?.pageInfo.hasNextPage ? (
              <button
                type="button"
                class="button"
                disabled={page.loading}
                onClick={() => setPages([...pages, connection.pageInfo.endCursor])}
              >
                {page.loading ? 'Loading…' : 'Load more'}
              </button>
            ) : (
              <span class="muted small">
                {loaded.length > 0 ? `All ${formatCount(loaded.length)} shown.` : ''}
              </span>
            )}
          </div>
        </section>
      )}
    </>
  );
}
