import { useState } from 'preact/hooks';
import { ChartFrame } from '../components/ChartFrame';
import { ControlsBar } from '../components/Controls';
import { DataTable } from '../components/DataTable';
import { IntervalPlot } from '../components/IntervalPlot';
import { Empty, ErrorNotice, Loading, WaitingForData } from '../components/States';
import type { ViewContext } from '../context';
import { csvName, downloadCsv } from '../csv';
import {
  formatCount,
  formatLastDay,
  formatDecimal,
  formatInterval,
  formatNps,
  formatP,
  formatPoints,
  formatShare,
} from '../format';
import {
  ComparisonDocument,
  CorrelationsDocument,
  type CorrelationRowFragment,
} from '../generated/graphql';
import { useQuery } from '../hooks';
import { SEGMENT_COLORS, SEGMENT_LABELS } from '../palette';
import { filterVariable } from '../range';
import { WaitingHint } from './Overview';

/** q below this is marked significant (Benjamini–Hochberg false discovery rate). */
const Q_THRESHOLD = 0.05;

function isSignificant(row: CorrelationRowFragment): boolean {
  return row.qValue !== null && row.qValue < Q_THRESHOLD;
}

/** Activities associated with high NPS, and each one's segment comparison. */
export function Drivers({ ctx }: { ctx: ViewContext }) {
  const { env, range, controls, filter } = ctx;
  const [windowDays, setWindowDays] = useState(30);
  const [windowText, setWindowText] = useState('30');
  const [minUsersText, setMinUsersText] = useState('');
  const [minUsers, setMinUsers] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const filterVar = filterVariable(filter);
  const correlations = useQuery(range.error || range.loading ? null : CorrelationsDocument, {
    env: env.id,
    from: range.from,
    to: range.to,
    windowDays,
    minUsers,
    filter: filterVar,
  });
  const comparison = useQuery(selected ? ComparisonDocument : null, {
    env: env.id,
    // Never sent empty: the query waits for a selected activity.
    eventType: selected ?? '',
    windowDays,
    asOf: range.to,
    filter: filterVar,
  });

  const apply = (event: Event) => {
    event.preventDefault();
    const days = Number(windowText);
    if (!Number.isInteger(days) || days < 1 || days > 365)
      return setProblem('The window is a whole number of days from 1 to 365.');
    const min = minUsersText.trim() === '' ? null : Number(minUsersText);
    if (min !== null && (!Number.isInteger(min) || min < 1))
      return setProblem(
        'Minimum users is a whole number of at least 1 (or empty for the default).',
      );
    setProblem(null);
    setWindowDays(days);
    setMinUsers(min);
  };

  const rows = correlations.data?.environment?.activityCorrelations;
  const comparisonRows = comparison.data?.environment?.segmentComparison;

  return (
    <>
      <ControlsBar
        controls={controls}
        onChange={ctx.setControls}
        range={range}
        environmentTimezone={env.timezone}
        show={{ interval: false, dedupe: false }}
      />
      <aside class="note" role="note" data-testid="association-note">
        <strong>Association, not cause.</strong> These activities go together with higher or lower
        NPS among matched respondents; they do not show that doing the activity raises NPS. Users
        who are already happy may simply do more.
      </aside>
      <form class="card settings" onSubmit={apply} aria-labelledby="drivers-settings">
        <h2 id="drivers-settings" class="settings-title">
          Settings
        </h2>
        <div class="settings-grid">
          <label class="control">
            <span>Window before each response (days)</span>
            <input
              name="windowDays"
              type="number"
              min={1}
              max={365}
              value={windowText}
              onInput={(event) => setWindowText(event.currentTarget.value)}
            />
          </label>
          <label class="control">
            <span>Minimum users with and without</span>
            <input
              name="minUsers"
              type="number"
              min={1}
              placeholder="default: 25 or 2 %"
              value={minUsersText}
              onInput={(event) => setMinUsersText(event.currentTarget.value)}
            />
          </label>
          <div class="control control-submit">
            <button type="submit" class="button">
              Apply
            </button>
          </div>
        </div>
        {problem && (
          <p class="error-text" role="alert">
            {problem}
          </p>
        )}
      </form>
      {range.empty ? (
        <WaitingForData>
          <WaitingHint ctx={ctx} />
        </WaitingForData>
      ) : correlations.error ? (
        <ErrorNotice error={correlations.error} onRetry={correlations.reload} />
      ) : !rows ? (
        <Loading label="Correlating activities with scores…" />
      ) : rows.length === 0 ? (
        <Empty title="No activity has enough users yet">
          An activity is listed once at least the minimum number of matched respondents did it and
          did not do it in the window. Try a longer range or a lower minimum.
        </Empty>
      ) : (
        <section
          class={correlations.loading ? 'card is-busy' : 'card'}
          aria-labelledby="drivers-title"
          data-testid="drivers"
        >
          <header class="card-header">
            <div>
              <h2 id="drivers-title">Activities and NPS</h2>
              <p class="card-subtitle">
                {formatCount(rows[0].observations)} matched respondents (latest response each);
                events in the {windowDays} days before responding. Significant: q &lt; {Q_THRESHOLD}{' '}
                (Benjamini–Hochberg). Choose an activity to compare segments.
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
                  <button
                    type="button"
                    class="link-button"
                    aria-pressed={row.eventType === selected}
                    onClick={() => setSelected(row.eventType === selected ? null : row.eventType)}
                  >
                    {row.eventType}
                  </button>
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
                  <span class="stacked">
                    {isSignificant(row) ? (
                      <span class="badge badge-strong">Significant</span>
                    ) : (
                      <span class="badge">Not significant</span>
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
                label: 'Difference (95 % interval)',
                title: 'difference',
                numeric: true,
                sortValue: (row) => row.npsDifference,
                render: (row) => (
                  <span class="stacked">
                    <span class="difference-cell">
                      {formatPoints(row.npsDifference)}
                      <IntervalPlot
                        value={row.npsDifference}
                        low={row.npsDifferenceCiLow}
                        high={row.npsDifferenceCiHigh}
                        significant={isSignificant(row)}
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
      )}
      {selected && (
        <ChartFrame
          title={`Segments and “${selected}”`}
          subtitle={`Each respondent's latest answer as of the end of ${formatLastDay(range.to, controls.timezone)}; did they do “${selected}” in the ${windowDays} days before answering?`}
          testId="segment-comparison"
          busy={comparison.loading}
          actions={
            <button type="button" class="button button-quiet" onClick={() => setSelected(null)}>
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
      )}
    </>
  );
}
