import { formatCount, formatDateTime } from '../../format';
import type { CommentResponsesQuery, SentimentLabel } from '../../generated/graphql';
import { SEGMENT_COLORS, SEGMENT_SINGULAR, segmentOfScore } from '../../palette';
import { Highlighted, searchTerms } from './highlight';

type Row = NonNullable<
  CommentResponsesQuery['environment']
>['surveyResponses']['edges'][number]['node'];

const SENTIMENT_TEXT: Record<SentimentLabel, string> = {
  POSITIVE: 'positive',
  NEUTRAL: 'neutral',
  NEGATIVE: 'negative',
};

/** Comments matching the search, theme and sentiment, best match first when searching. */
export function CommentList({
  rows,
  total,
  search,
  themeNames,
  timezone,
}: {
  rows: Row[];
  total: number;
  search: string;
  themeNames: Map<string, string>;
  timezone: string;
}) {
  const terms = searchTerms(search);
  return (
    <section class="card" aria-labelledby="comments-title" data-testid="comment-list">
      <header class="card-header">
        <div>
          <h2 id="comments-title">Comments</h2>
          <p class="card-subtitle" role="status" data-testid="comments-count">
            {formatCount(total)} responses{search ? ', best match first' : ', newest first'}
            {rows.length < total ? ` (first ${formatCount(rows.length)} shown)` : ''}
          </p>
        </div>
      </header>
      <ol class="feed">
        {rows.map((row) => {
          const category = segmentOfScore(row.score);
          return (
            <li key={row.responseId} class="feed-item" data-testid="comment">
              <span class="score" style={{ borderColor: SEGMENT_COLORS[category] }}>
                <span class="score-value">{row.score}</span>
                <span class="score-kind">{SEGMENT_SINGULAR[category]}</span>
              </span>
              <div class="feed-body">
                <p class={row.comment ? 'comment' : 'comment muted'}>
                  {row.comment ? <Highlighted text={row.comment} terms={terms} /> : 'No comment'}
                </p>
                <p class="feed-meta muted small">
                  {row.sentiment && (
                    <span class={`badge sentiment-${row.sentiment.label.toLowerCase()}`}>
                      {SENTIMENT_TEXT[row.sentiment.label]}
                    </span>
                  )}{' '}
                  {row.themeIds.map((id) => (
                    <span key={id} class="badge">
                      {themeNames.get(id) ?? id}
                    </span>
                  ))}{' '}
                  {formatDateTime(row.respondedAt, timezone)} · {row.email ?? 'anonymous'}
                </p>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
