/**
 * Pearson r from sufficient statistics (docs/nps-method.md). Integer sums are combined exactly in
 * BigInt, so the result does not depend on summation order or on how the sums were split (sparse
 * rows + totals vs. a full scan give the same bits); the only rounding is the final division and
 * square roots.
 */

/** A sufficient statistic: a JS number, or a bigint (e.g. parsed from a PostgreSQL numeric). */
export type Numeric = number | bigint;

export interface PearsonSums {
  n: Numeric;
  sumX: Numeric;
  sumY: Numeric;
  sumXX: Numeric;
  sumYY: Numeric;
  sumXY: Numeric;
}

/**
 * Relative size under which n·Σx² − (Σx)² is treated as zero when the sums are not integers
 * (then they carry rounding from their own summation, and a difference this small relative to
 * n·Σx² is cancellation noise, not variance). Integer sums are combined exactly instead.
 */
const FLOAT_VARIANCE_TOLERANCE = 1e-12;

export function clampUnit(r: number): number {
  return Math.min(1, Math.max(-1, r));
}

/** r from exact integer sums; null when n < 3 or either variance is 0. */
export function pearsonFromExactSums(
  n: bigint,
  sumX: bigint,
  sumY: bigint,
  sumXX: bigint,
  sumYY: bigint,
  sumXY: bigint,
  inputsWereExact: boolean,
): number | null {
  if (n < 3n) {
    return null;
  }
  const sxx = n * sumXX - sumX * sumX;
  const syy = n * sumYY - sumY * sumY;
  const sxy = n * sumXY - sumX * sumY;
  if (inputsWereExact && (sxx < 0n || syy < 0n)) {
    // By Cauchy–Schwarz n·Σx² ≥ (Σx)² for any real data: these sums cannot come from one dataset.
    throw new RangeError(
      'Inconsistent sums: n·sumXX − sumX² and n·sumYY − sumY² must be non-negative',
    );
  }
  if (sxx <= 0n || syy <= 0n) {
    return null;
  }
  if (sxy * sxy === sxx * syy) {
    // Exactly collinear: return ±1 exactly rather than √a·√a rounding to 0.9999999999999998.
    return sxy > 0n ? 1 : -1;
  }
  return clampUnit(Number(sxy) / (Math.sqrt(Number(sxx)) * Math.sqrt(Number(syy))));
}

/**
 * Pearson correlation from sufficient statistics: n, Σx, Σy, Σx², Σy², Σxy.
 *
 *   r = (n·Σxy − Σx·Σy) / (√(n·Σx² − (Σx)²) · √(n·Σy² − (Σy)²)), clamped to [−1, 1].
 *
 * Working from sums lets the SQL layer aggregate only the sparse x > 0 rows and add the x = 0
 * users through totals (they contribute 0 to Σx, Σx², Σxy and their scores to Σy, Σy²).
 *
 * Numerics: when every input is an integer (counts and 0–10 scores always are; pass bigints for
 * sums beyond 2^53) the three differences are formed exactly in BigInt, so there is no
 * cancellation at all. Otherwise they are formed in doubles and a variance below 1e-12 of
 * n·Σx² is treated as 0.
 *
 * Returns null when n < 3 or either variance is 0 (a constant x or y). Throws a RangeError on
 * non-finite inputs, a non-integer or negative n, and exact integer sums that violate
 * Cauchy–Schwarz (they cannot describe any dataset).
 */
export function pearsonFromSums(sums: PearsonSums): number | null {
  const values: Numeric[] = [sums.n, sums.sumX, sums.sumY, sums.sumXX, sums.sumYY, sums.sumXY];
  for (const value of values) {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new RangeError(`Pearson sums must be finite, got ${String(value)}`);
    }
  }
  const n = sums.n;
  if ((typeof n === 'number' && !Number.isInteger(n)) || n < 0) {
    throw new RangeError(`n must be a non-negative integer, got ${String(n)}`);
  }
  if (values.every((value) => typeof value === 'bigint' || Number.isInteger(value))) {
    const exact = values.every((value) => typeof value === 'bigint' || Number.isSafeInteger(value));
    const [bn, bx, by, bxx, byy, bxy] = values.map((value) => BigInt(value));
    return pearsonFromExactSums(bn, bx, by, bxx, byy, bxy, exact);
  }
  const [fn, fx, fy, fxx, fyy, fxy] = values.map((value) => Number(value));
  if (fn < 3) {
    return null;
  }
  const sxx = fn * fxx - fx * fx;
  const syy = fn * fyy - fy * fy;
  const sxy = fn * fxy - fx * fy;
  if (sxx <= FLOAT_VARIANCE_TOLERANCE * fn * fxx || syy <= FLOAT_VARIANCE_TOLERANCE * fn * fyy) {
    return null;
  }
  return clampUnit(sxy / (Math.sqrt(sxx) * Math.sqrt(syy)));
}
