import { ChartFrame } from '../../components/ChartFrame';
import { DataTable } from '../../components/DataTable';
import { ErrorNotice, Loading } from '../../components/States';
import { csvName } from '../../csv';
import { formatCount, formatDecimal, formatLastDay, formatShare } from '../../format';
import type { ComparisonQuery } from '../../generated/graphql';
import type { QueryState } from '../../hooks';
import { SEGMENT_COLORS, SEGMENT_LABELS } from '../../palette';

/** Promoters, passives and detractors: how many of each did the selected activity. */
export function SegmentComparison({
  selected,
  windowDays,
  asOf,
  timezone,
  comparison,
  onClose,
}: {
  selected: string;
  windowDays: number;
  asOf: string;
  timezone: string;
  comparison: QueryState<ComparisonQuery>;
  onClose: () => void;
}) {
  const comparisonRows = comparison.data?.environment?.segmentComparison;
  return (
    <ChartFrame
      title={`Segments and “${selected}”`}
      subtitle={`Each respondent's latest answer as of the end of ${formatLastDay(asOf, timezone)}; did they do “${selected}” in the ${windowDays} days before answering?`}
      testId="segment-comparison"
      busy={comparison.loading}
      actions={
        <button type="button" class="button button-quiet" onClick={onClose}>
          Close
        </button>
      }
      chart={
        comparison.error ? (
          <ErrorNotice error={comparison.error} onRetry={comparison.reload} />
        ) : !comparisonRows ? (
          <Loading />
        ) : (
          <div class="hbars">
            {comparisonRows.map((row) => (
              <div key={row.segment} class="hbar-row">
                <span class="hbar-label">{SEGMENT_LABELS[row.segment]}</span>
                <span class="hbar-track">
                  <span
                    class="hbar-fill"
                    style={{
                      width: `${(row.share ?? 0) * 100}%`,
                      background: SEGMENT_COLORS[row.segment],
                    }}
                  />
                </span>
                <span class="hbar-value">
                  {formatShare(row.share)}{' '}
                  <span class="muted small">
                    ({formatCount(row.membersWithEvent)} of {formatCount(row.matchedMembers)}{' '}
                    matched; mean {formatDecimal(row.meanCount, 1)} events)
                  </span>
                </span>
              </div>
            ))}
          </div>
        )
      }
      table={() => (
        <DataTable
          caption={`Segment comparison for ${selected}`}
          rows={comparisonRows ?? []}
          rowKey={(row) => row.segment}
          columns={[
            { key: 'segment', label: 'Segment', render: (row) => SEGMENT_LABELS[row.segment] },
            {
              key: 'members',
              label: 'Members',
              numeric: true,
              render: (row) => formatCount(row.members),
            },
            {
              key: 'matched',
              label: 'Matched to a user',
              numeric: true,
              render: (row) => formatCount(row.matchedMembers),
            },
            {
              key: 'with',
              label: 'Did it',
              numeric: true,
              render: (row) => formatCount(row.membersWithEvent),
            },
            {
              key: 'share',
              label: 'Share',
              numeric: true,
              render: (row) => formatShare(row.share),
            },
            {
              key: 'mean',
              label: 'Mean events',
              numeric: true,
              render: (row) => formatDecimal(row.meanCount, 2),
            },
          ]}
        />
      )}
      csv={() => ({
        filename: csvName('segment-comparison', selected),
        header: [
          'segment',
          'members',
          'matched_members',
          'members_with_event',
          'share',
          'mean_count',
        ],
        rows: (comparisonRows ?? []).map((row) => [
          row.segment,
          row.members,
          row.matchedMembers,
          row.membersWithEvent,
          row.share,
          row.meanCount,
        ]),
      })}
    />
  );
}
