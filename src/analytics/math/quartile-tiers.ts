/**
 * Automatic engagement tiers (docs/nps-method.md, "Engagement"): thresholds from the quartiles of
 * the activity counts of a range's matched responses, so that each tier holds about a quarter of
 * them whatever the product's typical activity.
 */

/** How many responses have exactly `events` events in their window. */
export interface CountFrequency {
  events: number;
  responses: number;
}

/**
 * Nearest-rank quartiles Q1, Q2, Q3 of the counts: the value at 1-based rank ⌈p·n⌉ of the sorted
 * counts, p = ¼, ½, ¾ (always a count that occurs). Null when there are no responses.
 */
export function quartiles(histogram: readonly CountFrequency[]): [number, number, number] | null {
  const sorted = [...histogram]
    .filter((entry) => entry.responses > 0)
    .sort((a, b) => a.events - b.events);
  const n = sorted.reduce((sum, entry) => sum + entry.responses, 0);
  if (n === 0) return null;
  const at = (rank: number): number => {
    let seen = 0;
    for (const entry of sorted) {
      seen += entry.responses;
      if (seen >= rank) return entry.events;
    }
    return sorted[sorted.length - 1].events;
  };
  return [at(Math.ceil(n / 4)), at(Math.ceil(n / 2)), at(Math.ceil((3 * n) / 4))];
}

/**
 * Thresholds (lower bounds of tiers 1…, as for custom thresholds) making the tiers
 * [0, Q1], [Q1 + 1, Q2], [Q2 + 1, Q3], [Q3 + 1, ∞): Q1 + 1, Q2 + 1, Q3 + 1 with repeats dropped
 * (tied quartiles merge their tiers) and any above the largest count dropped (its tier would be
 * empty). Each tier left then holds at least one response. With one distinct count left nothing,
 * and [max + 1] is answered (every response in tier 0, the top tier empty); with no responses,
 * [1]. Ascending, non-negative, at most three.
 */
export function quartileThresholds(histogram: readonly CountFrequency[]): number[] {
  const q = quartiles(histogram);
  if (q === null) return [1];
  const max = Math.max(...histogram.filter((e) => e.responses > 0).map((e) => e.events));
  const thresholds = [...new Set(q.map((value) => value + 1))].filter((value) => value <= max);
  return thresholds.length > 0 ? thresholds : [max + 1];
}
