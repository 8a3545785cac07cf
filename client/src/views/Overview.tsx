import { ChartFrame } from '../components/ChartFrame';
import { ControlsBar } from '../components/Controls';
import { ShareBar, type ShareItem } from '../components/ShareBar';
import { Empty, ErrorNotice, Loading, WaitingForData } from '../components/States';
import { TrendChart, UncertaintyLegend } from '../components/TrendChart';
import { alertMarks } from '../components/TrendMarks';
import { TrendTable, trendCsv } from '../components/trendTable';
import type { ViewContext } from '../context';
import { csvName } from '../csv';
import {
  formatCount,
  formatDate,
  formatDecimal,
  formatInterval,
  formatLastDay,
  formatMargin,
  formatNps,
  formatPoints,
  formatShare,
} from '../format';
import { useQuery } from '../hooks';
import { SEGMENT_LABELS } from '../palette';
import { SummaryDocument, TotalDocument, TrendDocument } from '../generated/graphql';
import { filterVariable } from '../range';
import { DataTable } from '../components/DataTable';
import { WhyItMoved } from './overview/WhyItMoved';

export function WaitingHint({ ctx }: { ctx: ViewContext }) {
  return (
    <>
      <p>No NPS responses have arrived for this environment yet.</p>
      {ctx.canConfigure ? (
        <p>
          <button type="button" class="button" onClick={() => ctx.goTo('SOURCE')}>
            Connect Delighted or import a CSV
          </button>
        </p>
      ) : (
        <p class="muted">An administrator can connect Delighted or import a CSV export.</p>
      )}
    </>
  );
}

/** "Previous period 5 Jun – 3 Sept 2026: −30.3 (n = 109)": what the change compares with. */
function PreviousPeriod({
  previous,
  timezone,
}: {
  previous: { from: string; to: string; nps?: number | null; responses: number };
  timezone: string;
}) {
  return (
    <p class="kpi-detail muted" data-testid="previous-period">
      Previous period {formatDate(previous.from, timezone)} – {formatLastDay(previous.to, timezone)}
      : {formatNps(previous.nps)}{' '}
      <span class="no-break">(n = {formatCount(previous.responses)})</span>
    </p>
  );
}

export function Overview({ ctx }: { ctx: ViewContext }) {
  const { env, range, controls, filter } = ctx;
  const filterVar = filterVariable(filter);
  const summary = useQuery(range.error || range.loading ? null : SummaryDocument, {
    env: env.id,
    from: range.from,
    to: range.to,
    dedupe: controls.dedupe,
    filter: filterVar,
    compare: range.compare,
  });
  const trend = useQuery(range.trendFrom && !range.error ? TrendDocument : null, {
    env: env.id,
    // Never sent empty: the query waits for trendFrom.
    from: range.trendFrom ?? '',
    to: range.to,
    interval: controls.interval,
    timezone: controls.timezone,
    dedupe: controls.dedupe,
    filter: filterVar,
  });

  const rangeEmpty = summary.data?.environment?.summary.responses === 0;
  const total = useQuery(rangeEmpty ? TotalDocument : null, { env: env.id, filter: filterVar });
  const everything = rangeEmpty ? total.data?.environment?.npsSummary.responses : undefined;

  const controlsBar = (
    <ControlsBar
      controls={controls}
      onChange={ctx.setControls}
      range={range}
      environmentTimezone={env.timezone}
    />
  );

  const data = summary.data?.environment;
  if (!data) {
    return (
      <>
        {controlsBar}
        {summary.error ? (
          <ErrorNotice error={summary.error} onRetry={summary.reload} />
        ) : range.error ? null : (
          <Loading label="Loading the NPS summary…" />
        )}
      </>
    );
  }
  if (everything === 0 || range.empty) {
    return (
      <>
        {controlsBar}
        <WaitingForData>
          <WaitingHint ctx={ctx} />
        </WaitingForData>
      </>
    );
  }

  const s = data.summary;
  const shares: ShareItem[] = [
    {
      segment: 'PROMOTER',
      count: s.promoters,
      share: s.responses ? s.promoters / s.responses : null,
    },
    { segment: 'PASSIVE', count: s.passives, share: s.responses ? s.passives / s.responses : null },
    {
      segment: 'DETRACTOR',
      count: s.detractors,
      share: s.responses ? s.detractors / s.responses : null,
    },
  ];
  const change = s.change;
  const trendData = trend.data?.environment?.npsTrend;
  const points = trendData?.series[0]?.points ?? [];

  return (
    <>
      {controlsBar}
      <div
        class={summary.loading ? 'kpis is-busy' : 'kpis'}
        data-testid="nps-summary"
        aria-busy={summary.loading}
      >
        <section class="card kpi kpi-main" aria-labelledby="kpi-nps">
          <h2 id="kpi-nps" class="kpi-label">
            NPS
          </h2>
          {s.responses === 0 ? (
            <p class="kpi-value muted" data-testid="nps-value" data-value="">
              —
            </p>
          ) : (
            <p class="kpi-value" data-testid="nps-value" data-value={String(s.nps)}>
              {formatNps(s.nps)}
            </p>
          )}
          <p class="kpi-detail" data-testid="nps-interval">
            95 % interval {formatInterval(s.ciLow, s.ciHigh)}{' '}
            <span class="muted">({formatMargin(s.marginOfError)})</span>
          </p>
          <p class="kpi-detail" data-testid="nps-responses" data-value={String(s.responses)}>
            n = {formatCount(s.responses)} responses
            {s.responses > 0 && s.responses < 30 && (
              <span class="badge badge-warn"> few responses: uncertain</span>
            )}
          </p>
        </section>
        <section class="card kpi" aria-labelledby="kpi-change" data-testid="nps-change">
          <h2 id="kpi-change" class="kpi-label">
            Change vs previous period
          </h2>
          {!range.compare || !change || !s.previous ? (
            <p class="kpi-detail muted">No previous period to compare with for this range.</p>
          ) : change.difference === null ? (
            <p class="kpi-detail muted">
              No responses in the previous period ({formatDate(s.previous.from, controls.timezone)}{' '}
              – {formatLastDay(s.previous.to, controls.timezone)}).
            </p>
          ) : change.significant ? (
            <>
              <p
                class={`kpi-value kpi-change ${change.difference >= 0 ? 'up' : 'down'}`}
                data-significant="true"
              >
                <span aria-hidden="true">{change.difference >= 0 ? '▲ ' : '▼ '}</span>
                {formatPoints(change.difference)}
              </p>
              <p class="kpi-detail">
                <span class="badge badge-strong">Significant</span> 95 % interval of the change{' '}
                {formatInterval(change.ciLow, change.ciHigh)}
              </p>
              <PreviousPeriod previous={s.previous} timezone={controls.timezone} />
            </>
          ) : (
            <>
              <p class="kpi-value kpi-change neutral" data-significant="false">
                {formatPoints(change.difference)}
              </p>
              <p class="kpi-detail">
                Not significant: the 95 % interval {formatInterval(change.ciLow, change.ciHigh)}{' '}
                includes no change.
              </p>
              <PreviousPeriod previous={s.previous} timezone={controls.timezone} />
            </>
          )}
        </section>
        <section class="card kpi" aria-labelledby="kpi-average">
          <h2 id="kpi-average" class="kpi-label">
            Average score
          </h2>
          <p class="kpi-value" data-testid="average-score">
            {formatDecimal(s.averageScore)}
            <span class="kpi-unit"> / 10</span>
          </p>
          <p class="kpi-detail muted">Mean of the 0–10 scores in the range.</p>
        </section>
      </div>

      {s.responses === 0 && (
        <Empty title="No responses in this range">
          Choose a longer range
          {everything ? `; ${formatCount(everything)} responses exist in all` : ''}.
        </Empty>
      )}

      <ChartFrame
        title="Promoters, passives and detractors"
        subtitle={`${formatCount(s.responses)} responses in the range`}
        testId="shares"
        busy={summary.loading}
        chart={<ShareBar items={shares} label="Shares of responses" />}
        table={() => (
          <DataTable
            caption="Responses by category"
            rows={shares}
            rowKey={(item) => item.segment}
            columns={[
              { key: 'segment', label: 'Category', render: (item) => SEGMENT_LABELS[item.segment] },
              {
                key: 'count',
                label: 'Responses',
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
          filename: csvName(
            'nps-categories',
            range.from?.slice(0, 10) ?? 'all',
            range.to.slice(0, 10),
          ),
          header: ['category', 'responses', 'share'],
          rows: shares.map((item) => [item.segment, item.count, item.share]),
        })}
      />

      <ChartFrame
        title="NPS over time"
        subtitle={
          trendData ? `By ${controls.interval.toLowerCase()}, ${trendData.timezone}` : undefined
        }
        testId="trend"
        busy={trend.loading}
        chart={
          trend.error ? (
            <ErrorNotice
              error={trend.error}
              onRetry={trend.reload}
              title={
                trend.error.argumentName === 'interval'
                  ? 'Too many buckets for this range'
                  : 'The trend could not be loaded'
              }
            />
          ) : !trendData ? (
            <Loading label="Loading the trend…" />
          ) : (
            <TrendChart
              series={[{ key: 'all', label: 'NPS', color: 'var(--accent)', points }]}
              interval={controls.interval}
              timezone={trendData.timezone}
              label={`NPS by ${controls.interval.toLowerCase()} with 95 % interval and response volume`}
              marks={alertMarks(ctx.settings.get('mark'))}
            />
          )
        }
        legend={trendData ? <UncertaintyLegend /> : undefined}
        table={() =>
          trendData ? (
            <TrendTable
              points={points}
              interval={controls.interval}
              timezone={trendData.timezone}
              caption="NPS by bucket"
            />
          ) : (
            <Loading />
          )
        }
        csv={() => trendCsv('nps-trend', points, trendData?.timezone ?? controls.timezone)}
      />
      <WhyItMoved ctx={ctx} />
    </>
  );
}
