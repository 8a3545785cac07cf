/** Two-sided p-values of Student's t and of Pearson's r (docs/nps-method.md). */
import { clampUnit } from './pearson';
import { regularizedIncompleteBeta } from './special-functions';

/**
 * Two-sided p-value of Student's t: P(|T| ≥ |t|) with `df` degrees of freedom (df > 0, need not
 * be an integer) = I_{df/(df+t²)}(df/2, 1/2), as R's `2*pt(-abs(t), df)`.
 */
export function studentTTwoSidedPValue(t: number, df: number): number {
  if (Number.isNaN(t)) {
    throw new RangeError('t must be a number, got NaN');
  }
  if (!(df > 0) || !Number.isFinite(df)) {
    throw new RangeError(`df must be a finite number > 0, got ${String(df)}`);
  }
  const tSquared = t * t;
  if (!Number.isFinite(tSquared)) {
    return 0;
  }
  const total = df + tSquared;
  return regularizedIncompleteBeta(df / total, df / 2, 0.5, tSquared / total);
}

/**
 * Two-sided p-value of Pearson's r over n observations: t = r·√((n − 2)/(1 − r²)) on n − 2
 * degrees of freedom. Because df/(df + t²) = 1 − r², this is I_{1−r²}((n − 2)/2, 1/2), evaluated
 * directly from r (no overflow of t as |r| → 1). |r| = 1 gives 0; r = 0 gives 1.
 *
 * Null when n < 3 (no degrees of freedom). Throws when n is not a non-negative integer or r is
 * not in [−1, 1] (values within 1e-12 outside, e.g. from SQL `corr()`, are clamped).
 */
export function pearsonPValue(r: number, n: number): number | null {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`n must be a non-negative integer, got ${String(n)}`);
  }
  if (!Number.isFinite(r) || Math.abs(r) > 1 + 1e-12) {
    throw new RangeError(`r must lie in [−1, 1], got ${String(r)}`);
  }
  if (n < 3) {
    return null;
  }
  const rr = clampUnit(r);
  if (Math.abs(rr) === 1) {
    return 0;
  }
  const oneMinusRSquared = (1 - rr) * (1 + rr);
  return regularizedIncompleteBeta(oneMinusRSquared, (n - 2) / 2, 0.5, rr * rr);
}
