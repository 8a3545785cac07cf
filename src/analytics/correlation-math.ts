/**
 * Pure correlation statistics for "activities correlated with high NPS" (nps-method.md):
 * Pearson r from sufficient statistics and its two-sided p-value, Spearman ρ with averaged ties
 * (dense and sparse forms) and Benjamini–Hochberg q-values.
 *
 * Everything that can be exact is exact: integer sufficient statistics and rank sums are combined
 * in BigInt, so results do not depend on summation order or on how the sums were split (sparse
 * rows + totals vs. a full scan give the same bits), and the only rounding is the final division
 * and square roots.
 *
 * Accuracy of the p-values: the incomplete beta function follows Numerical Recipes; checked to
 * ≤ 1e-12 against closed forms for 1–4 df and published values, and to ≤ 2e-9 up to df = 1e9.
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

export interface SparseObservation {
  /** Activity count, strictly positive (x = 0 users go in `zeroCountByScore`). */
  x: number;
  /** NPS score, an integer 0–10. */
  y: number;
}

export interface SparseSpearmanInput {
  /** One entry per user with x > 0. */
  nonZero: ReadonlyArray<SparseObservation>;
  /** Users with x = 0, counted per score: length 11, index = score 0–10. */
  zeroCountByScore: ReadonlyArray<number>;
}

// ---------------------------------------------------------------------------------------------
// Pearson from sufficient statistics
// ---------------------------------------------------------------------------------------------

/**
 * Relative size under which n·Σx² − (Σx)² is treated as zero when the sums are not integers
 * (then they carry rounding from their own summation, and a difference this small relative to
 * n·Σx² is cancellation noise, not variance). Integer sums are combined exactly instead.
 */
const FLOAT_VARIANCE_TOLERANCE = 1e-12;

function clampUnit(r: number): number {
  return Math.min(1, Math.max(-1, r));
}

/** r from exact integer sums; null when n < 3 or either variance is 0. */
function pearsonFromExactSums(
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

// ---------------------------------------------------------------------------------------------
// Special functions: log-gamma (Lanczos) and the regularised incomplete beta function
// ---------------------------------------------------------------------------------------------

/**
 * Lanczos coefficients for γ = 671/128 and 14 terms, from Numerical Recipes, 3rd edition,
 * §6.1 (`gammln`), written as the doubles they round to (the printed 18-digit values cannot be
 * represented exactly); relative accuracy better than 1e-15 for x > 0.
 */
const LANCZOS_COEFFICIENTS = [
  57.15623566586292, -59.59796035547549, 14.136097974741746, -0.4919138160976202,
  3.399464998481189e-5, 4.652362892704858e-5, -9.837447530487956e-5, 1.580887032249125e-4,
  -2.1026444172410488e-4, 2.1743961811521265e-4, -1.643181065367639e-4, 8.441822398385275e-5,
  -2.6190838401581408e-5, 3.6899182659531625e-6,
];
const LANCZOS_SQRT_2PI = 2.5066282746310007;

/** ln Γ(x) for x > 0 (Lanczos approximation, Numerical Recipes `gammln`). */
export function logGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) {
    throw new RangeError(`logGamma needs a finite x > 0, got ${String(x)}`);
  }
  let denominator = x;
  let tmp = x + 5.2421875;
  tmp = (x + 0.5) * Math.log(tmp) - tmp;
  let series = 0.9999999999999971;
  for (const coefficient of LANCZOS_COEFFICIENTS) {
    denominator += 1;
    series += coefficient / denominator;
  }
  return tmp + Math.log((LANCZOS_SQRT_2PI * series) / x);
}

/** Below this, ln B(a, b) is taken from three Lanczos log-gammas. */
const LOG_BETA_STIRLING_FROM = 100;

/**
 * ln Γ(z + b) − ln Γ(z) for large z (≥ 100), from Stirling's series
 *   ln Γ(z) = (z − ½)·ln z − z + ½·ln 2π + 1/(12z) − 1/(360z³) + 1/(1260z⁵) − 1/(1680z⁷) + …
 * with the big terms cancelled analytically: (z − ½)·ln(1 + b/z) + b·ln(z + b) − b + Δcorrection.
 * Truncation error < 1/(1188·z⁹) ≈ 1e-21 at z = 100. Subtracting two Lanczos values instead
 * would lose about log10(z·ln z) digits (≈ 7 at df = 1e9).
 */
function logGammaRatio(z: number, b: number): number {
  const correction = (w: number): number => {
    const w2 = w * w;
    return (1 / 12 - (1 / 360 - (1 / 1260 - 1 / (1680 * w2)) / w2) / w2) / w;
  };
  return (
    (z - 0.5) * Math.log1p(b / z) + b * Math.log(z + b) - b + correction(z + b) - correction(z)
  );
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), accurate also when one argument is huge. */
export function logBeta(a: number, b: number): number {
  if (!(a > 0) || !(b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) {
    throw new RangeError(`logBeta needs finite a, b > 0, got a=${a}, b=${b}`);
  }
  const large = Math.max(a, b);
  const small = Math.min(a, b);
  if (large < LOG_BETA_STIRLING_FROM) {
    return logGamma(a) + logGamma(b) - logGamma(a + b);
  }
  return logGamma(small) - logGammaRatio(large, small);
}

const BETACF_EPSILON = 1e-15;
const BETACF_TINY = 1e-300;
/** The fraction needs O(√max(a, b)) terms; 1e6 is ample for any df this service will see. */
const BETACF_MAX_ITERATIONS = 1_000_000;

/**
 * Continued fraction for the incomplete beta function, modified Lentz's method
 * (Numerical Recipes `betacf`). Converges quickly for x < (a + 1)/(a + b + 2).
 */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < BETACF_TINY) {
    d = BETACF_TINY;
  }
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= BETACF_MAX_ITERATIONS; m += 1) {
    const m2 = 2 * m;
    // Even step.
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < BETACF_TINY) {
      d = BETACF_TINY;
    }
    c = 1 + aa / c;
    if (Math.abs(c) < BETACF_TINY) {
      c = BETACF_TINY;
    }
    d = 1 / d;
    h *= d * c;
    // Odd step.
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < BETACF_TINY) {
      d = BETACF_TINY;
    }
    c = 1 + aa / c;
    if (Math.abs(c) < BETACF_TINY) {
      c = BETACF_TINY;
    }
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < BETACF_EPSILON) {
      return h;
    }
  }
  throw new RangeError(`Incomplete beta continued fraction did not converge (a=${a}, b=${b})`);
}

/**
 * Regularised incomplete beta function I_x(a, b) (Numerical Recipes `betai`).
 *
 * `oneMinusX` may be given when 1 − x is known more accurately than by subtraction (as when
 * x = 1 − r², where 1 − x = r² exactly); it must equal 1 − x up to rounding.
 */
export function regularizedIncompleteBeta(
  x: number,
  a: number,
  b: number,
  oneMinusX: number = 1 - x,
): number {
  if (!(a > 0) || !(b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) {
    throw new RangeError(`Incomplete beta needs finite a, b > 0, got a=${a}, b=${b}`);
  }
  if (!(x >= 0 && x <= 1) || !(oneMinusX >= 0 && oneMinusX <= 1)) {
    throw new RangeError(`Incomplete beta needs 0 ≤ x ≤ 1, got x=${x}`);
  }
  // Whichever of x and 1 − x is smaller carries the precision (the other may have rounded to 1).
  if (x <= oneMinusX ? x === 0 : oneMinusX === 1) {
    return 0;
  }
  if (oneMinusX <= x ? oneMinusX === 0 : x === 1) {
    return 1;
  }
  // ln x and ln(1 − x), each from whichever of x, 1 − x is the accurate small one.
  const logX = x < 0.5 ? Math.log(x) : Math.log1p(-oneMinusX);
  const logOneMinusX = oneMinusX < 0.5 ? Math.log(oneMinusX) : Math.log1p(-x);
  const front = Math.exp(a * logX + b * logOneMinusX - logBeta(a, b));
  if (x < (a + 1) / (a + b + 2)) {
    return (front * betaContinuedFraction(a, b, x)) / a;
  }
  return 1 - (front * betaContinuedFraction(b, a, oneMinusX)) / b;
}

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

// ---------------------------------------------------------------------------------------------
// Ranks and Spearman
// ---------------------------------------------------------------------------------------------

/**
 * Twice the averaged rank of each value (an integer: a tie group over positions s..e has average
 * rank (s + e)/2). Doubling keeps rank arithmetic in integers, hence exact.
 */
function doubledRanks(values: ReadonlyArray<number>): number[] {
  values.forEach((value, index) => {
    if (Number.isNaN(value)) {
      throw new RangeError(`Cannot rank NaN (at index ${index})`);
    }
  });
  const order = values.map((_, index) => index);
  order.sort((i, j) => (values[i] < values[j] ? -1 : values[i] > values[j] ? 1 : 0));
  const doubled = new Array<number>(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && values[order[end]] === values[order[start]]) {
      end += 1;
    }
    // Positions start+1 .. end (1-based) share the rank (start + 1 + end)/2.
    for (let k = start; k < end; k += 1) {
      doubled[order[k]] = start + 1 + end;
    }
    start = end;
  }
  return doubled;
}

/** Ranks 1..n in input order, ties given the average of the ranks they span. */
export function averageRanks(values: ReadonlyArray<number>): number[] {
  return doubledRanks(values).map((doubled) => doubled / 2);
}

/** Sum of non-negative safe integers, exact beyond 2^53 (flushes to BigInt as it grows). */
class ExactSum {
  private big = 0n;
  private small = 0;

  add(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`ExactSum takes non-negative safe integers, got ${value}`);
    }
    this.small += value;
    if (this.small > 2 ** 52) {
      this.big += BigInt(this.small);
      this.small = 0;
    }
  }

  addBig(value: bigint): void {
    this.big += value;
  }

  total(): bigint {
    return this.big + BigInt(this.small);
  }
}

/** Pearson on doubled ranks (scaling both variables by 2 leaves r unchanged). */
function spearmanFromDoubledRankSums(
  n: number,
  sums: { x: ExactSum; y: ExactSum; xx: ExactSum; yy: ExactSum; xy: ExactSum },
): number | null {
  return pearsonFromExactSums(
    BigInt(n),
    sums.x.total(),
    sums.y.total(),
    sums.xx.total(),
    sums.yy.total(),
    sums.xy.total(),
    true,
  );
}

function newRankSums(): { x: ExactSum; y: ExactSum; xx: ExactSum; yy: ExactSum; xy: ExactSum } {
  return {
    x: new ExactSum(),
    y: new ExactSum(),
    xx: new ExactSum(),
    yy: new ExactSum(),
    xy: new ExactSum(),
  };
}

/**
 * Spearman's ρ: Pearson's r of the averaged ranks of x and of y (the tie-corrected definition,
 * not the 1 − 6Σd²/(n(n² − 1)) shortcut, which is only valid without ties).
 * Null when n < 3 or either variable is constant.
 */
export function spearman(x: ReadonlyArray<number>, y: ReadonlyArray<number>): number | null {
  if (x.length !== y.length) {
    throw new RangeError(`x and y must have the same length (${x.length} vs ${y.length})`);
  }
  const n = x.length;
  if (n < 3) {
    return null;
  }
  assertSpearmanSize(n);
  const rx = doubledRanks(x);
  const ry = doubledRanks(y);
  const sums = newRankSums();
  for (let i = 0; i < n; i += 1) {
    sums.x.add(rx[i]);
    sums.y.add(ry[i]);
    sums.xx.add(rx[i] * rx[i]);
    sums.yy.add(ry[i] * ry[i]);
    sums.xy.add(rx[i] * ry[i]);
  }
  return spearmanFromDoubledRankSums(n, sums);
}

const SCORE_VALUES = 11;

/**
 * Largest n for which every doubled-rank product (≤ (2n)²) is a safe integer with room for the
 * running sum, so the rank sums stay exact.
 */
export const SPEARMAN_MAX_N = 40_000_000;

function assertSpearmanSize(n: number): void {
  if (n > SPEARMAN_MAX_N) {
    throw new RangeError(`Spearman supports at most ${SPEARMAN_MAX_N} observations, got ${n}`);
  }
}

/**
 * Spearman's ρ(x, score) when most x are 0, without expanding the zeros.
 *
 * The x = 0 users form one tie group occupying ranks 1..Z (Z = Σ zeroCountByScore), so each has
 * x-rank (Z + 1)/2; the x > 0 users are ranked after them (ranks Z + 1..Z + k, ties averaged).
 * Scores take only the values 0–10, so the y-rank of every user with score v is the average
 * position of tie group v, found from the 11 per-score totals. The rank sums are then formed
 * group-wise in exact integer arithmetic: O(k log k + 11) for k non-zero users.
 *
 * The result is bit-for-bit identical to `spearman` on the expanded arrays (same exact sums).
 */
export function spearmanSparse(input: SparseSpearmanInput): number | null {
  const { nonZero, zeroCountByScore } = input;
  if (zeroCountByScore.length !== SCORE_VALUES) {
    throw new RangeError(
      `zeroCountByScore must have 11 entries (scores 0–10), got ${zeroCountByScore.length}`,
    );
  }
  zeroCountByScore.forEach((count, score) => {
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new RangeError(
        `zeroCountByScore[${score}] must be a non-negative integer, got ${String(count)}`,
      );
    }
  });
  nonZero.forEach(({ x, y }, index) => {
    if (!(x > 0) || !Number.isFinite(x)) {
      throw new RangeError(`nonZero[${index}].x must be a finite number > 0, got ${String(x)}`);
    }
    if (!Number.isInteger(y) || y < 0 || y > 10) {
      throw new RangeError(`nonZero[${index}].y must be an integer score 0–10, got ${String(y)}`);
    }
  });

  const zeros = zeroCountByScore.reduce((total, count) => total + count, 0);
  const k = nonZero.length;
  const n = zeros + k;
  if (n < 3) {
    return null;
  }
  assertSpearmanSize(n);

  // y: doubled average rank of each score value (positions start..end hold score v).
  const countByScore = [...zeroCountByScore];
  for (const { y } of nonZero) {
    countByScore[y] += 1;
  }
  const doubledYRank = new Array<number>(SCORE_VALUES).fill(0);
  let before = 0;
  for (let score = 0; score < SCORE_VALUES; score += 1) {
    doubledYRank[score] = 2 * before + 1 + countByScore[score];
    before += countByScore[score];
  }

  const sums = newRankSums();
  for (let score = 0; score < SCORE_VALUES; score += 1) {
    const count = BigInt(countByScore[score]);
    const rank = BigInt(doubledYRank[score]);
    sums.y.addBig(count * rank);
    sums.yy.addBig(count * rank * rank);
  }

  // x = 0 group: doubled rank 1 + Z for each of the Z users.
  const zeroRank = BigInt(zeros + 1);
  sums.x.addBig(BigInt(zeros) * zeroRank);
  sums.xx.addBig(BigInt(zeros) * zeroRank * zeroRank);
  let zeroYRankSum = 0n;
  for (let score = 0; score < SCORE_VALUES; score += 1) {
    zeroYRankSum += BigInt(zeroCountByScore[score]) * BigInt(doubledYRank[score]);
  }
  sums.xy.addBig(zeroRank * zeroYRankSum);

  // x > 0 users: sorted after the zeros, tie groups averaged.
  const sorted = [...nonZero].sort((a, b) => a.x - b.x);
  let start = 0;
  while (start < k) {
    let end = start + 1;
    while (end < k && sorted[end].x === sorted[start].x) {
      end += 1;
    }
    // Positions zeros+start+1 .. zeros+end (1-based).
    const rank = 2 * zeros + start + 1 + end;
    for (let i = start; i < end; i += 1) {
      sums.x.add(rank);
      sums.xx.add(rank * rank);
      sums.xy.add(rank * doubledYRank[sorted[i].y]);
    }
    start = end;
  }
  return spearmanFromDoubledRankSums(n, sums);
}

// ---------------------------------------------------------------------------------------------
// Multiple testing
// ---------------------------------------------------------------------------------------------

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
