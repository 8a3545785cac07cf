import { DataTable } from '../../components/DataTable';
import { formatBucket, formatCount, formatDecimal, formatShare } from '../../format';
import type { CommentThemesQuery, ThemeTrendQuery } from '../../generated/graphql';
import { SEGMENT_LABELS } from '../../palette';

type Split = NonNullable<CommentThemesQuery['environment']>['sentimentSplit'][number];
type Point = NonNullable<ThemeTrendQuery['environment']>['themeTrend'][number];

/** Positive, neutral and negative comments of promoters, passives and detractors. */
export function SentimentSplit({ rows }: { rows: Split[] }) {
  return (
    <section class="card" aria-labelledby="sentiment-title" data-testid="sentiment-split">
      <header class="card-header">
        <h2 id="sentiment-title">Sentiment by segment</h2>
      </header>
      <DataTable
        caption="Sentiment of comments by segment"
        rows={rows}
        rowKey={(row) => row.segment}
        columns={[
          {
            key: 'segment',
            label: 'Segment',
            render: (row) => SEGMENT_LABELS[row.segment as keyof typeof SEGMENT_LABELS],
          },
          {
            key: 'commented',
            label: 'Comments',
            numeric: true,
            render: (row) => formatCount(row.commented),
          },
          {
            key: 'positive',
            label: 'Positive',
            numeric: true,
            render: (row) => formatShare(row.commented ? row.positive / row.commented : null),
          },
          {
            key: 'neutral',
            label: 'Neutral',
            numeric: true,
            render: (row) => formatShare(row.commented ? row.neutral / row.commented : null),
          },
          {
            key: 'negative',
            label: 'Negative',
            numeric: true,
            render: (row) => formatShare(row.commented ? row.negative / row.commented : null),
          },
          {
            key: 'mean',
            label: 'Mean score',
            numeric: true,
            render: (row) => formatDecimal(row.meanScore),
          },
        ]}
      />
    </section>
  );
}

/** A theme's share of comments per bucket, as bars. */
export function ThemeTrend({
  name,
  points,
  interval,
  timezone,
}: {
  name: string;
  points: Point[];
  interval: string;
  timezone: string;
}) {
  const top = Math.max(0.01, ...points.map((point) => point.share ?? 0));
  return (
    <section class="card" aria-labelledby="theme-trend-title" data-testid="theme-trend">
      <header class="card-header">
        <h2 id="theme-trend-title">{name}: share of comments</h2>
      </header>
      <ol class="share-bars">
        {points.map((point) => (
          <li key={point.bucketStart}>
            <span class="share-label small">
              {formatBucket(point.bucketStart, interval, timezone, true)}
            </span>
            <span class="share-bar" style={{ width: `${((point.share ?? 0) / top) * 100}%` }} />
            <span class="share-value small">
              {point.commented
                ? `${formatShare(point.share)} (${formatCount(point.mentions)})`
                : '—'}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
