import { DataTable } from '../../components/DataTable';
import { IntervalPlot } from '../../components/IntervalPlot';
import { csvName, downloadCsv } from '../../csv';
import {
  formatCount,
  formatDecimal,
  formatInterval,
  formatNps,
  formatP,
  formatPoints,
  formatShare,
} from '../../format';
import type { CorrelationRowFragment } from '../../generated/graphql';
import type { ResolvedRange } from '../../range';
import type { DriverList } from './DriverMembers';

/** q below this is marked significant (Benjamini–Hochberg false discovery rate). */
export const Q_THRESHOLD = 0.05;

/** The Pearson correlation test, after Benjamini–Hochberg: q below the threshold. */
function pearsonSignificant(row: CorrelationRowFragment): boolean {
  return row.qValue !== null && row.qValue < Q_THRESHOLD;
}

/** The NPS difference's own test: its 95 % interval excludes 0. */
export function differenceSignificant(row: CorrelationRowFragment): boolean {
  const { npsDifferenceCiLow: low, npsDifferenceCiHigh: high } = row;
  return low !== null && high !== null && (low > 0 || high < 0);
}

/** Each activity's association with NPS; choosing one opens its segment comparison. */
export function CorrelationTable({
  rows,
  busy,
  range,
  windowDays,
  selected,
  onSelect,
  onMembers,
}: {
  rows: CorrelationRowFragment[];
  busy: boolean;
  range: ResolvedRange;
  windowDays: number;
  selected: string | null;
  onSelect: (eventType: string | null) => void;
  /** Opens a driver's outreach list; absent where people may not be listed (embed links). */
  onMembers?: (eventType: string, list: DriverList) => void;
}) {
  return (
    <section
      class={busy ? 'card is-busy' : 'card'}
      aria-labelledby="drivers-title"
      data-testid="drivers"
    >
      <header class="card-header">
        <div>
          <h2 id="drivers-title">Activities and NPS</h2>
          <p class="card-subtitle">
            {formatCount(rows[0].observations)} matched respondents (latest response each); events
            in the {windowDays} days before responding. Each mark names its test: “Pearson
            significant” when the correlation's q &lt; {Q_THRESHOLD} (Benjamini–Hochberg); “Interval
            excludes 0” when the NPS difference's 95 % interval does. Choose an activity to compare
            segments; sort by any column.
          </p>
        </div>
        <div class="card-actions">
          <button
            type="button"
            class="button button-quiet"
            onClick={() => {
              downloadCsv(
                csvName(
                  'activity-correlations',
                  range.from?.slice(0, 10) ?? 'all',
                  range.to.slice(0, 10),
                ),
                [
                  'event_type',
                  'observations',
                  'users_with',
                  'users_without',
                  'pearson',
                  'p_value',
                  'q_value',
                  'spearman',
                  'nps_with',
                  'nps_without',
                  'nps_difference',
                  'nps_difference_ci_low',
                  'nps_difference_ci_high',
                  'promoter_rate_with',
                  'promoter_rate_without',
                ],
                rows.map((row) => [
                  row.eventType,
                  row.observations,
                  row.usersWith,
                  row.usersWithout,
                  row.pearson,
                  row.pValue,
                  row.qValue,
                  row.spearman,
                  row.npsWith,
                  row.npsWithout,
                  row.npsDifference,
                  row.npsDifferenceCiLow,
                  row.npsDifferenceCiHigh,
                  row.promoterRateWith,
                  row.promoterRateWithout,
                ]),
              );
            }}
          >
            Download CSV
          </button>
        </div>
      </header>
      <DataTable
        caption="Activity correlations with NPS"
        testId="correlation-table"
        rows={rows}
        rowKey={(row) => row.eventType}
        rowClass={(row) => (row.eventType === selected ? 'selected-row' : undefined)}
        initialSort={{ key: 'pearson', descending: true }}
        columns={[
          {
            key: 'eventType',
            label: 'Activity',
            title: 'activity',
            nowrap: true,
            sortValue: (row) => row.eventType.toLowerCase(),
            render: (row) => (
              <span class="stacked stacked-start">
                <button
                  type="button"
                  class="link-button"
                  aria-pressed={row.eventType === selected}
                  onClick={() => onSelect(row.eventType === selected ? null : row.eventType)}
                >
                  {row.eventType}
                </button>
                {onMembers && (
                  <span class="driver-lists small" data-testid="driver-lists">
                    <button
                      type="button"
                      class="link-button"
                      onClick={() => onMembers(row.eventType, 'did-not')}
                    >
                      Detractors &amp; passives who did not
                    </button>
                    <button
                      type="button"
                      class="link-button"
                      onClick={() => onMembers(row.eventType, 'did')}
                    >
                      Promoters who did
                    </button>
                  </span>
                )}
              </span>
            ),
          },
          {
            key: 'usersWith',
            label: 'Users with / without',
            title: 'users with',
            numeric: true,
            sortValue: (row) => row.usersWith,
            render: (row) => `${formatCount(row.usersWith)} / ${formatCount(row.usersWithout)}`,
          },
          {
            key: 'pearson',
            label: 'Pearson r',
            title: 'Pearson r',
            numeric: true,
            sortValue: (row) => row.pearson,
            render: (row) => formatDecimal(row.pearson, 3),
          },
          {
            key: 'spearman',
            label: 'Spearman ρ',
            title: 'Spearman rho',
            numeric: true,
            sortValue: (row) => row.spearman,
            render: (row) => formatDecimal(row.spearman, 3),
          },
          {
            key: 'qValue',
            label: 'Significance',
            title: 'q value',
            numeric: true,
            sortValue: (row) => row.qValue,
            render: (row) => (
              <span class="stacked" data-testid="pearson-test">
                {pearsonSignificant(row) ? (
                  <span class="badge badge-strong">Pearson significant</span>
                ) : (
                  <span class="badge">Pearson not significant</span>
                )}
                <span class="muted small">
                  q {formatP(row.qValue)} · p {formatP(row.pValue)}
                </span>
              </span>
            ),
          },
          {
            key: 'npsWith',
            label: 'NPS with / without',
            title: 'NPS with',
            numeric: true,
            nowrap: true,
            sortValue: (row) => row.npsWith,
            render: (row) => `${formatNps(row.npsWith)} / ${formatNps(row.npsWithout)}`,
          },
          {
            key: 'npsDifference',
            label: 'NPS difference (95 % interval)',
            title: 'NPS difference',
            numeric: true,
            sortValue: (row) => row.npsDifference,
            render: (row) => (
              <span class="stacked" data-testid="difference-test">
                {differenceSignificant(row) && (
                  <span class="badge badge-strong">Interval excludes 0</span>
                )}
                <span class="difference-cell">
                  {formatPoints(row.npsDifference)}
                  <IntervalPlot
                    value={row.npsDifference}
                    low={row.npsDifferenceCiLow}
                    high={row.npsDifferenceCiHigh}
                    significant={differenceSignificant(row)}
                    label={`Difference ${formatPoints(row.npsDifference)}, interval ${formatInterval(row.npsDifferenceCiLow, row.npsDifferenceCiHigh)}`}
                  />
                </span>
                <span class="muted small">
                  {formatInterval(row.npsDifferenceCiLow, row.npsDifferenceCiHigh)}
                </span>
              </span>
            ),
          },
          {
            key: 'promoterRate',
            label: 'Promoters with / without',
            title: 'promoter rate with',
            numeric: true,
            sortValue: (row) => row.promoterRateWith,
            render: (row) =>
              `${formatShare(row.promoterRateWith, 0)} / ${formatShare(row.promoterRateWithout, 0)}`,
          },
        ]}
      />
    </section>
  );
}
