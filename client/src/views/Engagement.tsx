import { useState } from 'preact/hooks';
import { ChartFrame } from '../components/ChartFrame';
import { ControlsBar } from '../components/Controls';
import { ErrorNotice, Loading, WaitingForData } from '../components/States';
import { type ChartSeries, TrendChart, UncertaintyLegend } from '../components/TrendChart';
import { TrendTable, trendCsv } from '../components/trendTable';
import type { ViewContext } from '../context';
import { formatCount } from '../format';
import { useQuery } from '../hooks';
import { SERIES_COLORS, UNKNOWN_COLOR } from '../palette';
import { EventTypesDocument, TrendDocument } from '../generated/graphql';
import { filterVariable } from '../range';
import { WaitingHint } from './Overview';

interface EngagementSettings {
  thresholds: number[];
  windowDays: number;
  eventTypes: string[];
}

const DEFAULTS: EngagementSettings = { thresholds: [1, 5, 20], windowDays: 30, eventTypes: [] };

function parseThresholds(text: string): number[] | string {
  const parts = text
    .split(/[,\s]+/)
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0) return 'Give at least one threshold, e.g. 1, 5, 20.';
  const values = parts.map(Number);
  if (values.some((value) => !Number.isInteger(value) || value < 1))
    return 'Thresholds are whole numbers of events, 1 or more.';
  if (values.some((value, index) => index > 0 && value <= values[index - 1]))
    return 'Thresholds must be ascending, e.g. 1, 5, 20.';
  return values;
}

/** NPS over time per engagement tier (events in the window before each response). */
export function Engagement({ ctx }: { ctx: ViewContext }) {
  const { env, range, controls, filter } = ctx;
  const [applied, setApplied] = useState<EngagementSettings>(DEFAULTS);
  const [thresholdText, setThresholdText] = useState(DEFAULTS.thresholds.join(', '));
  const [windowText, setWindowText] = useState(String(DEFAULTS.windowDays));
  const [selectedTypes, setSelectedTypes] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const eventTypes = useQuery(EventTypesDocument, { env: env.id });
  const trend = useQuery(range.trendFrom && !range.error ? TrendDocument : null, {
    env: env.id,
    // Never sent empty: the query waits for trendFrom.
    from: range.trendFrom ?? '',
    to: range.to,
    interval: controls.interval,
    timezone: controls.timezone,
    dedupe: controls.dedupe,
    filter: filterVariable(filter),
    engagement: {
      thresholds: applied.thresholds,
      windowDays: applied.windowDays,
      eventTypes: applied.eventTypes.length ? applied.eventTypes : null,
    },
  });

  const apply = (event: Event) => {
    event.preventDefault();
    const thresholds = parseThresholds(thresholdText);
    if (typeof thresholds === 'string') return setProblem(thresholds);
    const windowDays = Number(windowText);
    if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > 365)
      return setProblem('The window is a whole number of days from 1 to 365.');
    setProblem(null);
    setApplied({ thresholds, windowDays, eventTypes: selectedTypes });
  };

  const data = trend.data?.environment?.npsTrend;
  let tierIndex = 0;
  const series: ChartSeries[] = (data?.series ?? []).map((line) => {
    const tier = line.tier ?? 'all';
    const unknown = tier === 'unknown';
    return {
      key: tier,
      label: unknown ? 'Unmatched (unknown)' : `${tier} events`,
      color: unknown ? UNKNOWN_COLOR : SERIES_COLORS[tierIndex++ % SERIES_COLORS.length],
      points: line.points,
    };
  });
  const visible = series.filter((line) => line.points.some((point) => point.responses > 0));
  const allPoints = data?.series.flatMap((line) => line.points) ?? [];
  const types = eventTypes.data?.environment?.eventTypes.filter(
    (type) => type.name !== 'Submit Survey',
  );

  return (
    <>
      <ControlsBar
        controls={controls}
        onChange={ctx.setControls}
        range={range}
        environmentTimezone={env.timezone}
      />
      <form class="card settings" onSubmit={apply} aria-labelledby="engagement-settings">
        <h2 id="engagement-settings" class="settings-title">
          Engagement tiers
        </h2>
        <div class="settings-grid">
          <label class="control">
            <span>Tier thresholds (events)</span>
            <input
              name="thresholds"
              value={thresholdText}
              inputMode="numeric"
              aria-describedby="threshold-help"
              onInput={(event) => setThresholdText(event.currentTarget.value)}
            />
            <small id="threshold-help" class="muted">
              Ascending; 1, 5, 20 gives tiers 0, 1–4, 5–19, 20+.
            </small>
          </label>
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
          <details class="control event-picker">
            <summary>
              Events counted:{' '}
              {selectedTypes.length ? `${selectedTypes.length} selected` : 'all but Submit Survey'}
            </summary>
            {types ? (
              <fieldset>
                <legend class="visually-hidden">Event types counted</legend>
                {types.map((type) => (
                  <label key={type.name} class="check">
                    <input
                      type="checkbox"
                      checked={selectedTypes.includes(type.name)}
                      onChange={(event) =>
                        setSelectedTypes(
                          event.currentTarget.checked
                            ? [...selectedTypes, type.name]
                            : selectedTypes.filter((name) => name !== type.name),
                        )
                      }
                    />
                    {type.name} <span class="muted">({formatCount(type.count)})</span>
                  </label>
                ))}
              </fieldset>
            ) : eventTypes.error ? (
              <p class="muted">Event types are not available: {eventTypes.error.message}</p>
            ) : (
              <Loading />
            )}
          </details>
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
      ) : (
        <ChartFrame
          title="NPS by engagement tier"
          subtitle={`Tiers by events in the ${applied.windowDays} days before each response; unmatched responses form “unknown”.`}
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
    </>
  );
}
