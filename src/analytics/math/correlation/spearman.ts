/**
 * Spearman's ρ with averaged ties, dense and sparse (most x = 0) forms; the rank sums are exact,
 * so both forms give the same bits.
 */
import { pearsonFromExactSums } from './pearson';
import { ExactSum, doubledRanks } from './ranks';

export interface SparseObservation {
  /** Activity count, strictly positive (x = 0 users go in `zeroCountByScore`). */
  x: number;
  /** NPS score, an integer 0–10. */
  y: number;
  /** How many users have exactly this (x, y); 1 when absent. */
  users?: number;
}

export interface SparseSpearmanInput {
  /** The users with x > 0: one entry per user, or per (x, y) with its `users`. */
  nonZero: ReadonlyArray<SparseObservation>;
  /** Users with x = 0, counted per score: length 11, index = score 0–10. */
  zeroCountByScore: ReadonlyArray<number>;
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
 * group-wise in exact integer arithmetic: O(k log k + 11) for k non-zero entries (users or
 * (x, y) cells with their user counts).
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
  // Validated once, each with its user count (1 when absent).
  const cells = nonZero.map(({ x, y, users = 1 }, index) => {
    if (!Number.isSafeInteger(users) || users < 1) {
      throw new RangeError(
        `nonZero[${index}].users must be a whole number ≥ 1, got ${String(users)}`,
      );
    }
    if (!(x > 0) || !Number.isFinite(x)) {
      throw new RangeError(`nonZero[${index}].x must be a finite number > 0, got ${String(x)}`);
    }
    if (!Number.isInteger(y) || y < 0 || y > 10) {
      throw new RangeError(`nonZero[${index}].y must be an integer score 0–10, got ${String(y)}`);
    }
    return { x, y, users };
  });

  const zeros = zeroCountByScore.reduce((total, count) => total + count, 0);
  const k = cells.reduce((total, { users }) => total + users, 0);
  const n = zeros + k;
  if (n < 3) {
    return null;
  }
  assertSpearmanSize(n);

  // y: doubled average rank of each score value (positions start..end hold score v).
  const countByScore = [...zeroCountByScore];
  for (const { y, users } of cells) {
    countByScore[y] += users;
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

  // x > 0 users: sorted after the zeros, tie groups (all entries of one x) averaged. Products
  // with a user count may pass 2^53, so they are added as BigInt.
  const sorted = cells.sort((a, b) => a.x - b.x);
  let start = 0; // users before the group
  let index = 0;
  while (index < sorted.length) {
    let groupEnd = index;
    let groupUsers = 0;
    while (groupEnd < sorted.length && sorted[groupEnd].x === sorted[index].x) {
      groupUsers += sorted[groupEnd].users;
      groupEnd += 1;
    }
    // Positions zeros+start+1 .. zeros+start+groupUsers (1-based).
    const rank = BigInt(2 * zeros + 2 * start + 1 + groupUsers);
    sums.x.addBig(rank * BigInt(groupUsers));
    sums.xx.addBig(rank * rank * BigInt(groupUsers));
    for (let i = index; i < groupEnd; i += 1) {
      sums.xy.addBig(rank * BigInt(doubledYRank[sorted[i].y]) * BigInt(sorted[i].users));
    }
    start += groupUsers;
    index = groupEnd;
  }
  return spearmanFromDoubledRankSums(n, sums);
}
