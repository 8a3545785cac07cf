/** Multiple testing: Benjamini–Hochberg q-values over the event types of one answer. */

/**
 * Benjamini–Hochberg adjusted p-values (q-values), as R's `p.adjust(p, 'BH')`:
 * with the m non-null p sorted ascending, q₍ᵢ₎ = min over j ≥ i of min(1, p₍ⱼ₎·m/j).
 * The result is in the input order; nulls (untested event types) pass through as null and do
 * not count in m. Tied p-values get equal q-values.
 */
export function benjaminiHochberg(pValues: ReadonlyArray<number | null>): (number | null)[] {
  const present: Array<{ index: number; p: number }> = [];
  pValues.forEach((p, index) => {
    if (p === null) {
      return;
    }
    if (!(p >= 0 && p <= 1)) {
      throw new RangeError(`p-values must lie in [0, 1], got ${String(p)} at index ${index}`);
    }
    present.push({ index, p });
  });
  // Stable sort: tied p-values keep input order (irrelevant to the result, which ties share).
  present.sort((a, b) => a.p - b.p);
  const m = present.length;
  const q: (number | null)[] = pValues.map(() => null);
  let running = 1;
  for (let rank = m; rank >= 1; rank -= 1) {
    const { index, p } = present[rank - 1];
    // (m/rank)·p as R's p.adjust does: m/rank ≥ 1 exactly, so rounding can never give q < p.
    running = Math.min(running, (m / rank) * p);
    q[index] = running;
  }
  return q;
}
