/**
 * Pure NPS arithmetic, exactly as defined in `docs/nps-method.md`:
 * categories, the NPS of one set of responses with its adjusted-Wald 95% interval, and the
 * difference between two independent sets.
 *
 * Nothing here touches the database; the SQL layer aggregates counts and hands them in.
 */

export type NpsCategory = 'PROMOTER' | 'PASSIVE' | 'DETRACTOR';

/** Counts of one set of NPS responses (as aggregated by SQL). */
export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
  /** Sum of the scores (0–10) of the same responses; omit when not needed. */
  scoreSum?: number;
}

export interface NpsFigures {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** 100·(P − D)/n, unrounded. Null when n = 0. */
  nps: number | null;
  /** scoreSum/n. Null when n = 0 or no scoreSum was given. */
  averageScore: number | null;
  /** Adjusted-Wald interval; centred on the adjusted centre, not on `nps`. Null when n = 0. */
  ciLow: number | null;
  ciHigh: number | null;
  /** 1.96·standardError. Null when n = 0. */
  marginOfError: number | null;
  /** Adjusted-Wald standard error, in NPS points (×100). Null when n = 0. */
  standardError: number | null;
}

export interface NpsDifference {
  /** nps₁ − nps₂ (unadjusted). Null when either side has no responses. */
  difference: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** True when the 95% interval excludes 0. Null when either side has no responses. */
  significant: boolean | null;
}

/** z for a two-sided 95% interval, as fixed by docs/nps-method.md (not 1.959963984…). */
export const NPS_Z_95 = 1.96;

/** Scores of each category, inclusive: promoters 9–10, passives 7–8, detractors 0–6. */
export const CATEGORY_SCORES: Readonly<Record<NpsCategory, readonly [number, number]>> = {
  PROMOTER: [9, 10],
  PASSIVE: [7, 8],
  DETRACTOR: [0, 6],
};

/** Pseudo-responses added by the adjusted-Wald method (Rocks 2016): ¾ + 1.5 + ¾ = 3. */
const ADJUST_PROMOTERS = 0.75;
const ADJUST_DETRACTORS = 0.75;
const ADJUST_TOTAL = 3;

/** Category of one NPS score: promoter 9–10, passive 7–8, detractor 0–6. */
export function npsCategory(score: number): NpsCategory {
  if (!Number.isInteger(score) || score < 0 || score > 10) {
    throw new RangeError(`NPS score must be an integer from 0 to 10, got ${String(score)}`);
  }
  if (score >= 9) {
    return 'PROMOTER';
  }
  return score >= 7 ? 'PASSIVE' : 'DETRACTOR';
}

interface AdjustedWald {
  centre: number;
  standardError: number;
}

function assertCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
}

function checkedCounts(counts: NpsCounts): { p: number; a: number; d: number; n: number } {
  assertCount('promoters', counts.promoters);
  assertCount('passives', counts.passives);
  assertCount('detractors', counts.detractors);
  const n = counts.promoters + counts.passives + counts.detractors;
  return { p: counts.promoters, a: counts.passives, d: counts.detractors, n };
}

/** The adjusted-Wald centre and standard error (both in NPS points). Requires n > 0. */
function adjustedWald(promoters: number, detractors: number, n: number): AdjustedWald {
  const nAdjusted = n + ADJUST_TOTAL;
  const p = (promoters + ADJUST_PROMOTERS) / nAdjusted;
  const d = (detractors + ADJUST_DETRACTORS) / nAdjusted;
  // Variance of the per-response value (+1 promoter, 0 passive, −1 detractor):
  // p + d − (p − d)² = p(1 − p) + d(1 − d) + 2pd.
  const variance = p * (1 - p) + d * (1 - d) + 2 * p * d;
  return { centre: 100 * (p - d), standardError: 100 * Math.sqrt(variance / nAdjusted) };
}

/**
 * NPS figures of one set of responses from its category counts.
 *
 * The 95% interval is the adjusted-Wald interval of docs/nps-method.md, clipped to [−100, 100]. It
 * is centred on the adjusted centre 100·(p − d), which is pulled towards 0 relative to `nps`; so
 * `nps` need not be the midpoint of [ciLow, ciHigh] (and after clipping it never is).
 */
export function npsFromCounts(counts: NpsCounts): NpsFigures {
  const { p, a, d, n } = checkedCounts(counts);
  const scoreSum = counts.scoreSum;
  if (scoreSum !== undefined) {
    // Every promoter scored 9–10, every passive 7–8, every detractor 0–6; a sum outside those
    // bounds means the counts and the sum were not taken over the same responses.
    const minimum = 9 * p + 7 * a;
    const maximum = 10 * p + 8 * a + 6 * d;
    if (!Number.isFinite(scoreSum) || scoreSum < minimum || scoreSum > maximum) {
      throw new RangeError(
        `scoreSum ${String(scoreSum)} is impossible for ${p} promoters, ${a} passives and ` +
          `${d} detractors (must lie in [${minimum}, ${maximum}])`,
      );
    }
  }
  if (n === 0) {
    return {
      responses: 0,
      promoters: 0,
      passives: 0,
      detractors: 0,
      nps: null,
      averageScore: null,
      ciLow: null,
      ciHigh: null,
      marginOfError: null,
      standardError: null,
    };
  }
  const { centre, standardError } = adjustedWald(p, d, n);
  const marginOfError = NPS_Z_95 * standardError;
  return {
    responses: n,
    promoters: p,
    passives: a,
    detractors: d,
    nps: (100 * (p - d)) / n,
    averageScore: scoreSum === undefined ? null : scoreSum / n,
    ciLow: Math.max(-100, centre - marginOfError),
    ciHigh: Math.min(100, centre + marginOfError),
    marginOfError,
    standardError,
  };
}

/**
 * Difference of the NPS of two independent sets (e.g. users who did X vs users who did not):
 * Δ = nps₁ − nps₂ with the interval (centre₁ − centre₂) ± 1.96·√(se₁² + se₂²).
 *
 * The interval is deliberately NOT clipped. The ±100 clip of a single set does not apply: a
 * difference of two scores in [−100, 100] spans [−200, 200], so clipping it to ±100 would cut
 * real differences. docs/nps-method.md gives no clip for differences, and we add none, not even at
 * ±200 (the bound can be crossed, e.g. 5 all-promoter responses vs 299 all-detractor responses
 * gives ciHigh ≈ 206.5): clipping there would never change `significant`, but the raw bounds keep
 * the interval symmetric about centre₁ − centre₂ so an independent implementation of the
 * documented formula reproduces it exactly.
 *
 * `z` widens or narrows the interval for another confidence (zForConfidence); `significant` then
 * means the interval at that confidence excludes 0. The default is the documented 1.96.
 */
export function npsDifference(a: NpsCounts, b: NpsCounts, z: number = NPS_Z_95): NpsDifference {
  const first = checkedCounts(a);
  const second = checkedCounts(b);
  if (first.n === 0 || second.n === 0) {
    return { difference: null, ciLow: null, ciHigh: null, significant: null };
  }
  const one = adjustedWald(first.p, first.d, first.n);
  const two = adjustedWald(second.p, second.d, second.n);
  const difference =
    (100 * (first.p - first.d)) / first.n - (100 * (second.p - second.d)) / second.n;
  const centre = one.centre - two.centre;
  const margin = z * Math.sqrt(one.standardError ** 2 + two.standardError ** 2);
  const ciLow = centre - margin;
  const ciHigh = centre + margin;
  return { difference, ciLow, ciHigh, significant: ciLow > 0 || ciHigh < 0 };
}

/**
 * The two-sided z of a confidence level: 1.96 exactly for 0.95 (as docs/nps-method.md fixes it),
 * otherwise the standard normal quantile of (1 + confidence)/2 (Acklam's rational approximation,
 * relative error below 1.2e-9). Accepts 0.5 ≤ confidence < 1.
 */
export function zForConfidence(confidence: number): number {
  if (!(confidence >= 0.5 && confidence < 1)) {
    throw new RangeError(`confidence must be from 0.5 to below 1, got ${String(confidence)}`);
  }
  if (confidence === 0.95) return NPS_Z_95;
  return normalQuantile((1 + confidence) / 2);
}

const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
];
const B = [
  -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
  4.374664141464968, 2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];

/** Standard normal quantile for 0.5 ≤ p < 1 (Acklam). */
function normalQuantile(p: number): number {
  const high = 1 - 0.02425;
  if (p <= high) {
    const q = p - 0.5;
    const r = q * q;
    return (
      ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) /
      (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1)
    );
  }
  const q = Math.sqrt(-2 * Math.log(1 - p));
  return (
    -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
    ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1)
  );
}
