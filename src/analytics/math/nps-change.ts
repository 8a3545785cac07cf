/**
 * Why NPS moved (docs/nps-method.md, "Why NPS moved"): the change between two periods split into
 * a rate effect (segments' NPS changed) and a mix effect (segments' shares of responses changed),
 * the symmetric (midpoint) decomposition. Pure: the SQL layer hands in counts per segment.
 */
import { type NpsCounts, type NpsDifference, npsDifference } from './nps-math';

/** One segment's category counts in the previous and the current period. */
export interface SegmentPeriodCounts {
  key: string;
  previous: NpsCounts;
  current: NpsCounts;
}

export interface SegmentChange {
  key: string;
  /** Responses of the segment ÷ all responses of the period (0–1); 0 when it has none. */
  previousShare: number;
  currentShare: number;
  /** The segment's NPS in each period; null when it has no response there. */
  previousNps: number | null;
  currentNps: number | null;
  /** currentNps − previousNps with its interval (docs: difference of two independent sets). */
  change: NpsDifference;
  /** ½(w₀ + w₁)·(r₁ − r₀). */
  rateContribution: number;
  /** ½(r₀ + r₁)·(w₁ − w₀). */
  mixContribution: number;
}

export interface NpsChangeDecomposition {
  /** NPS₁ − NPS₀; null when either period has no response (and so are the effects). */
  change: number | null;
  rateEffect: number | null;
  mixEffect: number | null;
  /** 100·(P₁/n₁ − P₀/n₀) and 100·(D₁/n₁ − D₀/n₀): change = their difference. */
  promoterShareChange: number | null;
  detractorShareChange: number | null;
  /** Segments with a response in either period, by |rate + mix| descending, then key. */
  segments: SegmentChange[];
}

function total(counts: NpsCounts): number {
  return counts.promoters + counts.passives + counts.detractors;
}

function nps(counts: NpsCounts): number | null {
  const n = total(counts);
  return n === 0 ? null : (100 * (counts.promoters - counts.detractors)) / n;
}

function sumOf(segments: readonly SegmentPeriodCounts[], period: 'previous' | 'current') {
  return segments.reduce(
    (sum, segment) => ({
      promoters: sum.promoters + segment[period].promoters,
      passives: sum.passives + segment[period].passives,
      detractors: sum.detractors + segment[period].detractors,
    }),
    { promoters: 0, passives: 0, detractors: 0 },
  );
}

/**
 * Splits NPS₁ − NPS₀ over segments k with shares w and NPS r: rate = Σ ½(w₀+w₁)(r₁−r₀), mix =
 * Σ ½(r₀+r₁)(w₁−w₀). A segment empty in one period has share 0 there and takes its other
 * period's NPS as its rate there, so all of its effect is mix. rate + mix = Σ (w₁r₁ − w₀r₀) =
 * NPS₁ − NPS₀ exactly (up to floating point), since a period's NPS is Σ w·r. Keys must be unique.
 */
export function decomposeNpsChange(
  segments: readonly SegmentPeriodCounts[],
): NpsChangeDecomposition {
  const keys = new Set<string>();
  for (const segment of segments) {
    if (keys.has(segment.key)) throw new RangeError(`Segment "${segment.key}" is given twice`);
    keys.add(segment.key);
  }
  const before = sumOf(segments, 'previous');
  const after = sumOf(segments, 'current');
  const n0 = total(before);
  const n1 = total(after);
  const present = segments.filter((s) => total(s.previous) > 0 || total(s.current) > 0);
  const rows: SegmentChange[] = present.map((segment) => {
    const w0 = n0 === 0 ? 0 : total(segment.previous) / n0;
    const w1 = n1 === 0 ? 0 : total(segment.current) / n1;
    const previousNps = nps(segment.previous);
    const currentNps = nps(segment.current);
    // An empty side takes the other side's rate (both cannot be empty: the segment is present).
    const r0 = previousNps ?? (currentNps as number);
    const r1 = currentNps ?? (previousNps as number);
    const bothPeriods = n0 > 0 && n1 > 0;
    return {
      key: segment.key,
      previousShare: w0,
      currentShare: w1,
      previousNps,
      currentNps,
      change: npsDifference(segment.current, segment.previous),
      rateContribution: bothPeriods ? ((w0 + w1) / 2) * (r1 - r0) : 0,
      mixContribution: bothPeriods ? ((r0 + r1) / 2) * (w1 - w0) : 0,
    };
  });
  rows.sort(
    (a, b) =>
      Math.abs(b.rateContribution + b.mixContribution) -
        Math.abs(a.rateContribution + a.mixContribution) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  if (n0 === 0 || n1 === 0) {
    return {
      change: null,
      rateEffect: null,
      mixEffect: null,
      promoterShareChange: null,
      detractorShareChange: null,
      segments: rows,
    };
  }
  return {
    change: (nps(after) as number) - (nps(before) as number),
    rateEffect: rows.reduce((sum, row) => sum + row.rateContribution, 0),
    mixEffect: rows.reduce((sum, row) => sum + row.mixContribution, 0),
    promoterShareChange: 100 * (after.promoters / n1 - before.promoters / n0),
    detractorShareChange: 100 * (after.detractors / n1 - before.detractors / n0),
    segments: rows,
  };
}
