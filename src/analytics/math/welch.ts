/**
 * Welch's interval for the difference of two means with unequal variances (docs/nps-method.md
 * for the t distribution; docs/comment-analysis.md, "Themes and behaviour"). Pure.
 */
import { studentTTwoSidedPValue } from './correlation/p-values';

/** One group's count of observations, mean and sample variance (n − 1 in the denominator). */
export interface MeanSample {
  n: number;
  mean: number;
  variance: number;
}

export interface WelchDifference {
  /** mean₁ − mean₂; null when either group is empty. */
  difference: number | null;
  /** 95 % interval; null when either group has fewer than 2 observations or both vary by 0. */
  ciLow: number | null;
  ciHigh: number | null;
  /** Welch–Satterthwaite degrees of freedom. */
  degreesOfFreedom: number | null;
}

/**
 * The t with P(|T| ≥ t) = `twoSidedP` on `df` degrees of freedom, by bisection on the two-sided
 * p-value of correlation/p-values.ts (decreasing in t), to 1e-12.
 */
export function studentTQuantile(twoSidedP: number, df: number): number {
  if (!(twoSidedP > 0 && twoSidedP < 1))
    throw new RangeError(`p must lie in (0, 1), got ${twoSidedP}`);
  let low = 0;
  let high = 1;
  while (studentTTwoSidedPValue(high, df) > twoSidedP) high *= 2;
  for (let step = 0; step < 200 && high - low > 1e-12; step++) {
    const middle = (low + high) / 2;
    if (studentTTwoSidedPValue(middle, df) > twoSidedP) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

/** Mean and sample variance of counts from their sum and sum of squares over n observations. */
export function meanSample(n: number, sum: number, sumOfSquares: number): MeanSample {
  if (n === 0) return { n, mean: 0, variance: 0 };
  const mean = sum / n;
  const variance = n < 2 ? 0 : Math.max(0, (sumOfSquares - n * mean * mean) / (n - 1));
  return { n, mean, variance };
}

/** mean₁ − mean₂ ± t(0.975, ν)·√(s₁²/n₁ + s₂²/n₂), ν by Welch–Satterthwaite. */
export function welchDifference(a: MeanSample, b: MeanSample): WelchDifference {
  if (a.n === 0 || b.n === 0)
    return { difference: null, ciLow: null, ciHigh: null, degreesOfFreedom: null };
  const difference = a.mean - b.mean;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  if (a.n < 2 || b.n < 2 || va + vb === 0)
    return { difference, ciLow: null, ciHigh: null, degreesOfFreedom: null };
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const margin = studentTQuantile(0.05, df) * Math.sqrt(va + vb);
  return {
    difference,
    ciLow: difference - margin,
    ciHigh: difference + margin,
    degreesOfFreedom: df,
  };
}
