import { ChartFrame } from '../../components/ChartFrame';
import { DataTable } from '../../components/DataTable';
import { ErrorNotice, Loading } from '../../components/States';
import type { ViewContext } from '../../context';
import { csvName } from '../../csv';
import { formatCount, formatDecimal, formatNps, formatPoints, formatShare } from '../../format';
import { WhyItMovedDocument, type WhyItMovedQuery } from '../../generated/graphql';
import { useQuery } from '../../hooks';
import { SEGMENT_COLORS } from '../../palette';
import { filterVariable } from '../../range';

type Explanation = NonNullable<WhyItMovedQuery['environment']>['npsChange'];
type Distribution = NonNullable<WhyItMovedQuery['environment']>['currentDistribution'];

interface Step {
  label: string;
  kind: 'total' | 'rate' | 'mix';
  start: number;
  end: number;
}

/** Previous NPS, then each segment's rate and mix contribution, then the current NPS. */
function waterfallSteps(change: Explanation): Step[] {
  const previous = change.previous.nps ?? 0;
  const steps: Step[] = [{ label: 'Previous', kind: 'total', start: 0, end: previous }];
  let level = previous;
  for (const segment of change.segments) {
    for (const [kind, value] of [
      ['rate', segment.rateContribution],
      ['mix', segment.mixContribution],
    ] as const) {
      if (Math.abs(value) < 0.05) continue;
      steps.push({ label: `${segment.key} ${kind}`, kind, start: level, end: level + value });
      level += value;
    }
  }
  steps.push({ label: 'Current', kind: 'total', start: 0, end: change.current.nps ?? level });
  return steps;
}

/** A horizontal waterfall: one bar per step on a shared −100…100 axis clipped to the data. */
function Waterfall({ steps }: { steps: Step[] }) {
  const values = steps.flatMap((step) => [step.start, step.end, 0]);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const span = Math.max(1, high - low);
  const x = (value: number) => 110 + ((value - low) / span) * 320;
  const row = 16;
  return (
    <svg
      class="waterfall"
      viewBox={`0 0 480 ${steps.length * row + 10}`}
      role="img"
      aria-label="Waterfall: the previous NPS, each segment's rate and mix contributions, the current NPS"
      data-testid="waterfall"
    >
      <line x1={x(0)} x2={x(0)} y1={0} y2={steps.length * row} class="waterfall-zero" />
      {steps.map((step, index) => {
        const left = x(Math.min(step.start, step.end));
        const width = Math.max(1, Math.abs(x(step.end) - x(step.start)));
        const color =
          step.kind === 'total'
            ? 'var(--accent)'
            : step.end >= step.start
              ? SEGMENT_COLORS.PROMOTER
              : SEGMENT_COLORS.DETRACTOR;
        return (
          <g key={step.label} transform={`translate(0, ${index * row})`}>
            <text x={105} y={12} text-anchor="end" class="waterfall-label">
              {step.label}
            </text>
            <rect
              x={left}
              y={3}
              width={width}
              height={11}
              fill={color}
              opacity={step.kind === 'mix' ? 0.65 : 1}
            />
            <text x={Math.min(left + width + 3, 450)} y={12} class="waterfall-value">
              {step.kind === 'total' ? formatNps(step.end) : formatPoints(step.end - step.start)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Shares of each score 0…10, the current period beside the previous one. */
function ScoreBars({ current, previous }: { current: Distribution; previous: Distribution }) {
  const top = Math.max(0.01, ...current.shares, ...previous.shares);
  return (
    <svg
      class="score-bars"
      viewBox="0 0 400 120"
      role="img"
      aria-label="Share of each score 0 to 10, this period beside the previous one"
      data-testid="score-distribution"
    >
      {current.shares.map((share, score) => {
        const before = previous.shares[score];
        const height = (value: number) => (value / top) * 95;
        const left = 10 + score * 35;
        return (
          <g key={score}>
            <rect
              x={left}
              y={100 - height(before)}
              width={13}
              height={height(before)}
              class="bar-previous"
            />
            <rect
              x={left + 14}
              y={100 - height(share)}
              width={13}
              height={height(share)}
              class="bar-current"
            />
            <text x={left + 14} y={113} text-anchor="middle" class="score-label">
              {score}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The Overview's "Why it moved" panel (and the WHY_IT_MOVED embed view). */
export function WhyItMoved({ ctx }: { ctx: ViewContext }) {
  const { env, range, controls, filter, settings } = ctx;
  const property = settings.get('by') ?? '';
  const from = range.from;
  const length = from ? Date.parse(range.to) - Date.parse(from) : 0;
  const previousFrom = from ? new Date(Date.parse(from) - length).toISOString() : '';
  const answer = useQuery(from && !range.error && !range.loading ? WhyItMovedDocument : null, {
    env: env.id,
    from: from ?? '',
    to: range.to,
    previousFrom,
    by: property ? { property } : { engagement: {} },
    dedupe: controls.dedupe,
    filter: filterVariable(filter),
  });
  const byControl = (
    <label class="control">
      <span>Split by</span>
      <input
        type="text"
        placeholder="engagement (or a user property)"
        value={property}
        list="why-by-suggestions"
        autoComplete="off"
        data-testid="why-by"
        onChange={(event) =>
          ctx.setSettings({ by: (event.currentTarget as HTMLInputElement).value.trim() || null })
        }
      />
      {/* The breakdown properties (setBreakdownProperties) answer fastest: offered first. */}
      <datalist id="why-by-suggestions">
        {(answer.data?.environment?.breakdownProperties ?? []).map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </label>
  );
  if (!from) {
    return <p class="muted">Choose a range with a start to see why NPS moved.</p>;
  }
  const data = answer.data?.environment;
  if (!data) {
    return answer.error ? (
      <ErrorNotice
        error={answer.error}
        onRetry={answer.reload}
        title="Why it moved could not be loaded"
      />
    ) : (
      <Loading label="Loading why NPS moved…" />
    );
  }
  const change = data.npsChange;
  const dates = [from.slice(0, 10), range.to.slice(0, 10)];
  return (
    <>
      <ChartFrame
        title="Why it moved"
        subtitle={
          change.change === null
            ? 'No responses in one of the periods'
            : `${formatPoints(change.change)}: rate ${formatPoints(change.rateEffect)}, mix ${formatPoints(change.mixEffect)}`
        }
        testId="why-it-moved"
        busy={answer.loading}
        actions={byControl}
        chart={
          change.change === null ? (
            <p class="muted">Both periods need responses to explain a change.</p>
          ) : (
            <Waterfall steps={waterfallSteps(change)} />
          )
        }
        legend={
          <p class="muted small">
            Rate: segments scoring differently. Mix: segments answering in different proportions
            (lighter bars). Previous period: the same length just before this one.
          </p>
        }
        table={() => (
          <DataTable
            caption="Contributions by segment"
            rows={change.segments}
            rowKey={(segment) => segment.key}
            columns={[
              { key: 'key', label: 'Segment', render: (s) => s.key },
              {
                key: 'prev',
                label: 'Share before',
                numeric: true,
                render: (s) => formatShare(s.previousShare),
              },
              {
                key: 'cur',
                label: 'Share now',
                numeric: true,
                render: (s) => formatShare(s.currentShare),
              },
              {
                key: 'npsBefore',
                label: 'NPS before',
                numeric: true,
                render: (s) => formatNps(s.previousNps),
              },
              {
                key: 'npsNow',
                label: 'NPS now',
                numeric: true,
                render: (s) => formatNps(s.currentNps),
              },
              {
                key: 'rate',
                label: 'Rate',
                numeric: true,
                render: (s) => formatPoints(s.rateContribution),
              },
              {
                key: 'mix',
                label: 'Mix',
                numeric: true,
                render: (s) => formatPoints(s.mixContribution),
              },
            ]}
          />
        )}
        csv={() => ({
          filename: csvName('nps-why-it-moved', ...dates),
          header: [
            'segment',
            'previous_share',
            'current_share',
            'previous_nps',
            'current_nps',
            'rate',
            'mix',
          ],
          rows: change.segments.map((s) => [
            s.key,
            s.previousShare,
            s.currentShare,
            s.previousNps,
            s.currentNps,
            s.rateContribution,
            s.mixContribution,
          ]),
        })}
      />
      <ChartFrame
        title="Score distribution"
        subtitle={`Mean ${formatDecimal(data.currentDistribution.mean)} (before ${formatDecimal(
          data.previousDistribution.mean,
        )}), median ${formatDecimal(data.currentDistribution.median, 1)} (before ${formatDecimal(
          data.previousDistribution.median,
          1,
        )})`}
        testId="score-distribution-card"
        busy={answer.loading}
        chart={
          <ScoreBars current={data.currentDistribution} previous={data.previousDistribution} />
        }
        legend={
          <p class="muted small">
            <span class="swatch bar-previous" /> previous period ·{' '}
            <span class="swatch bar-current" /> this period
          </p>
        }
        table={() => (
          <DataTable
            caption="Responses by score"
            rows={data.currentDistribution.counts.map((count, score) => ({ score, count }))}
            rowKey={(row) => String(row.score)}
            columns={[
              { key: 'score', label: 'Score', render: (row) => String(row.score) },
              {
                key: 'count',
                label: 'Now',
                numeric: true,
                render: (row) => formatCount(row.count),
              },
              {
                key: 'before',
                label: 'Before',
                numeric: true,
                render: (row) => formatCount(data.previousDistribution.counts[row.score]),
              },
            ]}
          />
        )}
        csv={() => ({
          filename: csvName('nps-score-distribution', ...dates),
          header: ['score', 'current', 'previous'],
          rows: data.currentDistribution.counts.map((count, score) => [
            score,
            count,
            data.previousDistribution.counts[score],
          ]),
        })}
      />
    </>
  );
}
