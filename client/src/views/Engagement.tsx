import { useMemo } from 'preact/hooks';
import { ChartFrame } from '../components/ChartFrame';
import { ControlsBar } from '../components/Controls';
import { ErrorNotice, Loading, WaitingForData } from '../components/States';
import { type ChartSeries, TrendChart, UncertaintyLegend } from '../components/TrendChart';
import { TrendTable, trendCsv } from '../components/trendTable';
import type { ViewContext } from '../context';
import { useQuery } from '../hooks';
import { SERIES_COLORS, UNKNOWN_COLOR } from '../palette';
import { EngagementTrendDocument, EventTypesDocument } from '../generated/graphql';
import { filterVariable } from '../range';
import {
  EngagementSettingsForm,
  engagementFromParams,
  engagementToParams,
} from './engagement/EngagementSettings';
import { WaitingHint } from './Overview';
import { TierTable, thresholdsText, tierName } from './engagement/TierTable';

/** NPS over time per engagement tier (events in the window before each response). */
export function Engagement({ ctx }: { ctx: ViewContext }) {
  const { env, range, controls, filter } = ctx;
  const applied = useMemo(() => engagementFromParams(ctx.settings), [ctx.settings]);
  const eventTypes = useQuery(EventTypesDocument, { env: env.id });
  const trend = useQuery(range.trendFrom && !range.error ? EngagementTrendDocument : null, {
    env: env.id,
    // Never sent empty: the query waits for trendFrom.
    from: range.trendFrom ?? '',
    to: range.to,
    interval: controls.interval,
    timezone: controls.timezone,
    dedupe: controls.dedupe,
    filter: filterVariable(filter),
    engagement: {
      ...(applied.thresholds ? { thresholds: applied.thresholds } : { automatic: true }),
      windowDays: applied.windowDays,
      eventTypes: applied.eventTypes.length ? applied.eventTypes : null,
    },
  });

  const data = trend.data?.environment?.npsTrend;
  let tierIndex = 0;
  const series: ChartSeries[] = (data?.series ?? []).map((line) => {
    const tier = line.tier ?? 'all';
    const unknown = tier === 'unknown';
    return {
      key: tier,
      label: tierName(tier),
      color: unknown ? UNKNOWN_COLOR : SERIES_COLORS[tierIndex++ % SERIES_COLORS.length],
      points: line.points,
    };
  });
  const visible = series.filter((line) => line.points.some((point) => point.responses > 0));
  const allPoints = data?.series.flatMap((line) => line.points) ?? [];

  return (
    <>
      <ControlsBar
        controls={controls}
        onChange={ctx.setControls}
        range={range}
        environmentTimezone={env.timezone}
      />
      <EngagementSettingsForm
        key={JSON.stringify(applied)}
        applied={applied}
        eventTypes={eventTypes}
        onApply={(next) => ctx.setSettings(engagementToParams(next))}
      />
      {range.empty ? (
        <WaitingForData>
          <WaitingHint ctx={ctx} />
        </WaitingForData>
      ) : (
        <ChartFrame
          title="NPS by engagement tier"
          subtitle={
            <>
              Tiers by events in the {applied.windowDays} days before each response; unmatched
              responses form “unknown”.
              {data && (
                <>
                  {' '}
                  <span data-testid="tier-thresholds">
                    {thresholdsText(data.thresholds, data.tiers, applied.thresholds === null)}.
                  </span>
                </>
              )}
            </>
          }
          testId="engagement-trend"
          busy={trend.loading}
          chart={
            trend.error ? (
              <ErrorNotice error={trend.error} onRetry={trend.reload} />
            ) : !data ? (
              <Loading label="Loading engagement tiers…" />
            ) : visible.length === 0 ? (
              <WaitingForData>No responses in this range yet.</WaitingForData>
            ) : (
              <TrendChart
                series={visible}
                interval={controls.interval}
                timezone={data.timezone}
                label="NPS over time per engagement tier"
              />
            )
          }
          legend={data ? <UncertaintyLegend series={visible} /> : undefined}
          table={() =>
            data ? (
              <TrendTable
                points={allPoints}
                interval={controls.interval}
                timezone={data.timezone}
                withTier
                caption="NPS by bucket and engagement tier"
              />
            ) : (
              <Loading />
            )
          }
          csv={() => trendCsv('nps-by-engagement', allPoints, data?.timezone ?? controls.timezone)}
        />
      )}
      {!range.empty && data && data.tiers.some((tier) => tier.responses > 0) && (
        <TierTable tiers={data.tiers} />
      )}
    </>
  );
}
