import { formatCount, formatDateTime } from '../../format';
import type { ResponseItemFragment } from '../../generated/graphql';
import { SEGMENT_COLORS, SEGMENT_SINGULAR, segmentOfScore } from '../../palette';

/** "NPS" or the survey type as Delighted names it ("csat", "ces", …). */
export function surveyTypeLabel(row: Pick<ResponseItemFragment, 'isNps' | 'surveyType'>): string {
  return row.isNps ? 'NPS' : row.surveyType;
}

/** The loaded responses, newest first, each with its survey type; Load more for the next page. */
export function ResponseList({
  rows,
  summary,
  hasMore,
  loading,
  timezone,
  onLoadMore,
}: {
  rows: ResponseItemFragment[];
  /** What the list holds, by survey type ("725 responses: 690 NPS, 35 of other survey types"). */
  summary: string;
  hasMore: boolean;
  loading: boolean;
  timezone: string;
  onLoadMore: () => void;
}) {
  return (
    <section class="card" aria-labelledby="feed-title" data-testid="responses">
      <header class="card-header">
        <div>
          <h2 id="feed-title">Responses</h2>
          <p class="card-subtitle" role="status" data-testid="responses-count">
            {summary}
          </p>
        </div>
      </header>
      <ol class="feed">
        {rows.map((row) => {
          const category = row.isNps ? segmentOfScore(row.score) : null;
          return (
            <li
              key={row.responseId}
              class="feed-item"
              data-testid="response"
              data-response-id={row.responseId}
            >
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
                  <span
                    class={row.isNps ? 'badge' : 'badge badge-warn'}
                    data-testid="survey-type"
                    title={row.isNps ? 'Counted in NPS' : 'Not counted in NPS'}
                  >
                    {surveyTypeLabel(row)}
                  </span>{' '}
                  {formatDateTime(row.respondedAt, timezone)} ·{' '}
                  {row.email ?? row.personId ?? 'anonymous'}
                  {row.user ? ` · user ${row.user.identity}` : ' · unmatched'}
                  {!row.isNps && ' · not counted in NPS'}
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
        {hasMore ? (
          <button type="button" class="button" disabled={loading} onClick={onLoadMore}>
            {loading ? 'Loading…' : 'Load more'}
          </button>
        ) : (
          <span class="muted small">
            {rows.length > 0 ? `All ${formatCount(rows.length)} shown.` : ''}
          </span>
        )}
      </div>
    </section>
  );
}
