import { useState } from 'preact/hooks';
import { formatBucket, formatCount, formatInterval, formatNps } from '../format';
import { useWidth } from '../hooks';
import { UNCERTAIN_N } from '../palette';
import type { TrendPointFragment as TrendPoint } from '../generated/graphql';
import { type TrendMark, TrendMarks } from './TrendMarks';

export interface ChartSeries {
  key: string;
  label: string;
  color: string;
  points: TrendPoint[];
}

const MARGIN = { left: 44, right: 14, top: 24 };
const MAIN_HEIGHT = 210;
const GAP = 16;
const VOLUME_HEIGHT = 54;
const AXIS_HEIGHT = 24;

function niceStep(span: number): number {
  for (const step of [5, 10, 20, 25, 50]) if (span / step <= 6) return step;
  return 50;
}

function domain(series: ChartSeries[], band: boolean): [number, number] {
  const values: number[] = [];
  for (const line of series) {
    for (const point of line.points) {
      if (point.nps === null) continue;
      values.push(point.nps);
      if (band && point.ciLow !== null && point.ciHigh !== null)
        values.push(point.ciLow, point.ciHigh);
    }
  }
  if (values.length === 0) return [-100, 100];
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = Math.max(5, (high - low) * 0.08);
  let from = Math.max(-100, Math.floor((low - pad) / 10) * 10);
  let to = Math.min(100, Math.ceil((high + pad) / 10) * 10);
  if (to - from < 20) {
    from = Math.max(-100, from - 10);
    to = Math.min(100, to + 10);
  }
  return [from, to];
}

/**
 * NPS over time: one line per series with its 95 % interval band, response volume bars beneath.
 * Points with n < 30 are hollow, their lines dashed and their band fainter. Empty buckets leave
 * gaps. Hover or focus and use the arrow keys to read a bucket.
 */
export function TrendChart({
  series,
  interval,
  timezone,
  label,
  band = true,
  marks = [],
}: {
  series: ChartSeries[];
  interval: string;
  timezone: string;
  label: string;
  band?: boolean;
  marks?: TrendMark[];
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const [active, setActive] = useState<number | null>(null);
  // With several series, intervals are drawn for the one in focus only (the rest fade).
  const [focus, setFocus] = useState<string | null>(null);
  const multi = series.length > 1;
  const focused = multi ? (series.find((line) => line.key === focus)?.key ?? null) : null;
  const buckets = series[0]?.points ?? [];
  const count = buckets.length;
  const innerWidth = Math.max(60, width - MARGIN.left - MARGIN.right);
  const step = innerWidth / Math.max(1, count);
  const x = (index: number) => MARGIN.left + step * (index + 0.5);
  const [low, high] = domain(series, band && !multi);
  const y = (value: number) => MARGIN.top + ((high - value) / (high - low)) * MAIN_HEIGHT;
  const volumeTop = MARGIN.top + MAIN_HEIGHT + GAP;
  const maxVolume = Math.max(1, ...series.flatMap((line) => line.points.map((p) => p.responses)));
  const height = volumeTop + VOLUME_HEIGHT + AXIS_HEIGHT;
  const tickStep = niceStep(high - low);
  const ticks: number[] = [];
  for (let tick = Math.ceil(low / tickStep) * tickStep; tick <= high; tick += tickStep)
    ticks.push(tick);
  const labelEvery = Math.max(1, Math.ceil(count / Math.max(1, Math.floor(innerWidth / 72))));
  const barGroup = Math.min(step * 0.72, 48);
  const barWidth = Math.max(1, barGroup / Math.max(1, series.length));

  const onKeyDown = (event: KeyboardEvent) => {
    if (count === 0) return;
    const current = active ?? 0;
    const next =
      event.key === 'ArrowRight'
        ? Math.min(count - 1, current + 1)
        : event.key === 'ArrowLeft'
          ? Math.max(0, current - 1)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? count - 1
              : null;
    if (next !== null) {
      event.preventDefault();
      setActive(next);
    }
  };

  const activeBucket = active !== null ? buckets[active] : undefined;
  const tooltipLeft = active !== null ? Math.min(Math.max(x(active), 90), width - 90) : 0;

  return (
    <div class="chart" ref={ref}>
      {multi && (
        <div class="series-picker" role="group" aria-label="Highlight a series to see its interval">
          <span class="muted small">Highlight:</span>
          {series.map((line) => (
            <button
              key={line.key}
              type="button"
              class="series-button"
              aria-pressed={focused === line.key}
              onClick={() => setFocus(focused === line.key ? null : line.key)}
            >
              <span class="swatch" style={{ background: line.color }} />
              {line.label}
            </button>
          ))}
        </div>
      )}
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`${label}. Focus and use the arrow keys to read each ${interval.toLowerCase()}; the table view lists every figure.`}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={() => setActive((value) => value ?? count - 1)}
        onBlur={() => setActive(null)}
        onMouseLeave={() => setActive(null)}
        data-testid="trend-chart"
      >
        <defs>
          <pattern id="uncertain-hatch" width="4" height="4" patternUnits="userSpaceOnUse">
            <path d="M0 4 L4 0" stroke="currentColor" stroke-width="1" opacity="0.5" />
          </pattern>
        </defs>
        <TrendMarks
          marks={marks}
          buckets={buckets}
          frame={{ left: MARGIN.left, step, top: MARGIN.top, height: MAIN_HEIGHT }}
        />
        {ticks.map((tick) => (
          <g key={tick} class="grid">
            <line
              x1={MARGIN.left}
              x2={width - MARGIN.right}
              y1={y(tick)}
              y2={y(tick)}
              class={tick === 0 ? 'grid-zero' : 'grid-line'}
            />
            <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" text-anchor="end" class="axis-text">
              {tick > 0 ? `+${tick}` : tick < 0 ? `\u2212${-tick}` : '0'}
            </text>
          </g>
        ))}
        <text x={4} y={11} class="axis-title">
          NPS
        </text>
        {series.map((line) => {
          const pts = line.points;
          const showBand = band && (!multi || focused === line.key);
          const faded = focused !== null && focused !== line.key;
          const shapes = [];
          for (let i = 0; i < pts.length; i++) {
            const point = pts[i];
            if (point.nps === null) continue;
            const next = pts[i + 1];
            const previous = pts[i - 1];
            const uncertain = point.responses < UNCERTAIN_N;
            if (showBand && point.ciLow !== null && point.ciHigh !== null) {
              if (next && next.nps !== null && next.ciLow !== null && next.ciHigh !== null) {
                const faint = uncertain || next.responses < UNCERTAIN_N;
                shapes.push(
                  <path
                    key={`b${i}`}
                    d={`M${x(i)} ${y(point.ciHigh)} L${x(i + 1)} ${y(next.ciHigh)} L${x(i + 1)} ${y(next.ciLow)} L${x(i)} ${y(point.ciLow)} Z`}
                    fill={line.color}
                    opacity={faint ? 0.07 : 0.2}
                    class="band"
                  />,
                );
              } else if (!previous || previous.nps === null) {
                shapes.push(
                  <line
                    key={`e${i}`}
                    x1={x(i)}
                    x2={x(i)}
                    y1={y(point.ciLow)}
                    y2={y(point.ciHigh)}
                    stroke={line.color}
                    stroke-width={Math.min(10, Math.max(3, step * 0.3))}
                    opacity={uncertain ? 0.12 : 0.25}
                  />,
                );
              }
            }
            if (next && next.nps !== null) {
              const dashed = uncertain || next.responses < UNCERTAIN_N;
              shapes.push(
                <line
                  key={`l${i}`}
                  x1={x(i)}
                  y1={y(point.nps)}
                  x2={x(i + 1)}
                  y2={y(next.nps)}
                  stroke={line.color}
                  stroke-width="2"
                  stroke-dasharray={dashed ? '5 4' : undefined}
                  opacity={dashed ? 0.75 : 1}
                />,
              );
            }
          }
          const dots = pts.map((point, i) =>
            point.nps === null ? null : (
              <circle
                key={`p${i}`}
                cx={x(i)}
                cy={y(point.nps)}
                r={active === i ? 5 : 3.5}
                fill={point.responses < UNCERTAIN_N ? 'var(--surface)' : line.color}
                stroke={line.color}
                stroke-width="2"
                class={point.responses < UNCERTAIN_N ? 'point uncertain' : 'point'}
              />
            ),
          );
          return (
            <g key={line.key} data-series={line.label} opacity={faded ? 0.25 : 1}>
              {shapes}
              {dots}
            </g>
          );
        })}
        <line
          x1={MARGIN.left}
          x2={width - MARGIN.right}
          y1={volumeTop + VOLUME_HEIGHT}
          y2={volumeTop + VOLUME_HEIGHT}
          class="grid-line"
        />
        <text x={4} y={volumeTop + 8} class="axis-title">
          n
        </text>
        <text x={MARGIN.left - 6} y={volumeTop + 4} dy="0.32em" text-anchor="end" class="axis-text">
          {formatCount(maxVolume)}
        </text>
        {series.map((line, s) =>
          line.points.map((point, i) => {
            if (point.responses === 0) return null;
            const barHeight = Math.max(1, (point.responses / maxVolume) * VOLUME_HEIGHT);
            const left = x(i) - barGroup / 2 + s * barWidth;
            const uncertain = point.responses < UNCERTAIN_N;
            return (
              <g key={`v${line.key}${i}`} class="volume-bar">
                <rect
                  x={left}
                  y={volumeTop + VOLUME_HEIGHT - barHeight}
                  width={Math.max(1, barWidth - (series.length > 1 ? 1 : 0))}
                  height={barHeight}
                  fill={series.length > 1 ? line.color : 'var(--volume)'}
                  opacity={uncertain ? 0.45 : 0.85}
                />
                {uncertain && (
                  <rect
                    x={left}
                    y={volumeTop + VOLUME_HEIGHT - barHeight}
                    width={Math.max(1, barWidth - (series.length > 1 ? 1 : 0))}
                    height={barHeight}
                    fill="url(#uncertain-hatch)"
                    class="hatch"
                  />
                )}
              </g>
            );
          }),
        )}
        {buckets.map((bucket, i) =>
          i % labelEvery === 0 ? (
            <text key={`x${i}`} x={x(i)} y={height - 6} text-anchor="middle" class="axis-text">
              {formatBucket(bucket.bucketStart, interval, timezone, true)}
            </text>
          ) : null,
        )}
        {active !== null && (
          <line
            x1={x(active)}
            x2={x(active)}
            y1={MARGIN.top}
            y2={volumeTop + VOLUME_HEIGHT}
            class="guide"
          />
        )}
        {buckets.map((_, i) => (
          <rect
            key={`h${i}`}
            x={MARGIN.left + step * i}
            y={MARGIN.top}
            width={step}
            height={volumeTop + VOLUME_HEIGHT - MARGIN.top}
            fill="transparent"
            onMouseEnter={() => setActive(i)}
          />
        ))}
      </svg>
      <div class="chart-live visually-hidden" aria-live="polite">
        {activeBucket
          ? `${formatBucket(activeBucket.bucketStart, interval, timezone)}: ${series
              .map(
                (line) =>
                  `${series.length > 1 ? line.label + ' ' : ''}NPS ${formatNps(line.points[active!]?.nps)}, n ${line.points[active!]?.responses ?? 0}`,
              )
              .join('; ')}`
          : ''}
      </div>
      {activeBucket && (
        <div class="tooltip" style={{ left: `${tooltipLeft}px` }} aria-hidden="true">
          <strong>{formatBucket(activeBucket.bucketStart, interval, timezone)}</strong>
          {series.map((line) => {
            const point = line.points[active!];
            if (!point) return null;
            return (
              <div key={line.key} class="tooltip-row">
                {series.length > 1 && <span class="swatch" style={{ background: line.color }} />}
                {series.length > 1 && <span class="tooltip-label">{line.label}</span>}
                <span>
                  NPS <b>{formatNps(point.nps)}</b>
                  {point.nps !== null && (
                    <span class="muted"> ({formatInterval(point.ciLow, point.ciHigh)})</span>
                  )}
                  {' · '}n = {formatCount(point.responses)}
                  {point.responses > 0 && point.responses < UNCERTAIN_N && (
                    <span class="muted"> · uncertain</span>
                  )}
                </span>
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}

export function UncertaintyLegend({ series }: { series?: ChartSeries[] }) {
  return (
    <>
      <span class="legend-item">
        <svg width="26" height="12" aria-hidden="true">
          <line x1="1" y1="6" x2="25" y2="6" stroke="var(--accent)" stroke-width="2" />
          <circle cx="13" cy="6" r="3.5" fill="var(--accent)" />
        </svg>
        {series && series.length > 1
          ? 'NPS; highlight a series to see its 95 % interval as a band'
          : 'NPS, with its 95 % interval as a band'}
      </span>
      <span class="legend-item">
        <svg width="26" height="12" aria-hidden="true">
          <line
            x1="1"
            y1="6"
            x2="25"
            y2="6"
            stroke="var(--accent)"
            stroke-width="2"
            stroke-dasharray="5 4"
          />
          <circle
            cx="13"
            cy="6"
            r="3.5"
            fill="var(--surface)"
            stroke="var(--accent)"
            stroke-width="2"
          />
        </svg>
        Fewer than {UNCERTAIN_N} responses: uncertain (hollow point, dashed line, faint band)
      </span>
      <span class="legend-item">
        <span class="swatch swatch-volume" />
        Responses per bucket (n)
      </span>
    </>
  );
}
