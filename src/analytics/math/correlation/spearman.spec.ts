import fc from 'fast-check';

import { spearman, spearmanSparse } from './spearman';

/*
 * Independent oracles, deliberately written the slow and obvious way (two-pass means, O(n²)
 * ranks, O(m²) Benjamini–Hochberg), so that property tests compare against a second
 * implementation rather than against the code under test.
 */
function naivePearson(x: number[], y: number[]): number | null {
  const n = x.length;
  if (n < 3) {
    return null;
  }
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i += 1) {
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

/** rank(v) = #{values < v} + (#{values = v} + 1)/2. */
function naiveRanks(values: number[]): number[] {
  return values.map((v) => {
    const below = values.filter((w) => w < v).length;
    const equal = values.filter((w) => w === v).length;
    return below + (equal + 1) / 2;
  });
}

function expectCloseOrNull(actual: number | null, expected: number | null, digits: number) {
  if (expected === null) {
    expect(actual).toBeNull();
  } else {
    expect(actual).not.toBeNull();
    expect(actual).toBeCloseTo(expected, digits);
  }
}

describe('spearman', () => {
  it('returns 1 − 6Σd²/(n(n²−1)) when there are no ties', () => {
    // ranks x = [1,2,3,4,5], ranks y = [3,1,4,5,2]; d = [−2,1,−1,−1,3], Σd² = 16;
    // ρ = 1 − 6·16/(5·24) = 1 − 0.8 = 0.2.
    expect(spearman([10, 20, 30, 40, 50], [3, 1, 4, 5, 2])).toBeCloseTo(0.2, 14);
  });

  it('returns Pearson of averaged ranks when both variables have ties', () => {
    // x = [0,0,1,2,2] → ranks [1.5,1.5,3,4.5,4.5]; y = [5,3,9,9,10] → ranks [2,1,3.5,3.5,5].
    // Deviations from the mean rank 3: dx = [−1.5,−1.5,0,1.5,1.5], dy = [−1,−2,0.5,0.5,2].
    // Σdx·dy = 1.5 + 3 + 0 + 0.75 + 3 = 8.25; Σdx² = 9; Σdy² = 1 + 4 + 0.25 + 0.25 + 4 = 9.5.
    // ρ = 8.25/√(9·9.5) = 8.25/√85.5 = 0.8922178162191939.
    expect(spearman([0, 0, 1, 2, 2], [5, 3, 9, 9, 10])).toBeCloseTo(0.8922178162191939, 14);
  });

  it('returns ρ from averaged ranks when only y has ties', () => {
    // y = [5,6,7,8,7] → ranks [1,2,3.5,5,3.5]; dy = [−2,−1,0.5,2,0.5]; dx = [−2,−1,0,1,2].
    // Σdx·dy = 4 + 1 + 0 + 2 + 1 = 8; Σdx² = 10; Σdy² = 9.5 → ρ = 8/√95 = 0.8207826816681233.
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(0.8207826816681233, 14);
  });

  it('returns ±1 for any strictly monotone relation', () => {
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 64])).toBe(1);
    expect(spearman([1, 2, 3, 4], [64, 27, 8, 1])).toBe(-1);
  });

  it('returns null when n < 3 or a variable is constant', () => {
    expect(spearman([], [])).toBeNull();
    expect(spearman([1, 2], [2, 1])).toBeNull();
    expect(spearman([4, 4, 4], [1, 2, 3])).toBeNull();
    expect(spearman([1, 2, 3], [0, 0, 0])).toBeNull();
  });

  it('throws when x and y differ in length', () => {
    expect(() => spearman([1, 2, 3], [1, 2])).toThrow(/same length/);
  });

  it('agrees with Pearson on counted ranks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 10 })), {
          maxLength: 40,
        }),
        (rows) => {
          const x = rows.map(([v]) => v);
          const y = rows.map(([, v]) => v);
          expectCloseOrNull(spearman(x, y), naivePearson(naiveRanks(x), naiveRanks(y)), 12);
        },
      ),
    );
  });
});

describe('spearmanSparse', () => {
  const noZeros = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

  it('returns the dense result for the hand-worked tied example', () => {
    // Same data as the dense example: x = [0,0,1,2,2], y = [5,3,9,9,10] → 0.8922178162191939.
    const zeroCountByScore = [0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0]; // x = 0 users scored 3 and 5
    const nonZero = [
      { x: 1, y: 9 },
      { x: 2, y: 9 },
      { x: 2, y: 10 },
    ];
    expect(spearmanSparse({ nonZero, zeroCountByScore })).toBeCloseTo(0.8922178162191939, 14);
  });

  it('returns a hand-computed ρ when most users have x = 0', () => {
    // 6 zero-x users: scores 0,0,5,5,9,9 (counts: score 0 → 2, 5 → 2, 9 → 2); x>0: (3, 10), (7, 10).
    // x ranks: zeros 1..6 → 3.5 each; x=3 → 7; x=7 → 8.
    // y sorted: 0,0 | 5,5 | 9,9 | 10,10 → ranks 1.5, 3.5, 5.5, 7.5.
    // Mean rank 4.5; dx = [−1 ×6, 2.5, 3.5]; dy for zeros = [−3,−3,−1,−1,1,1], for x>0 = [3, 3].
    // Σdx·dy = (−1)·(−3−3−1−1+1+1) + 2.5·3 + 3.5·3 = 6 + 7.5 + 10.5 = 24.
    // Σdx² = 6 + 6.25 + 12.25 = 24.5; Σdy² = 9+9+1+1+1+1+9+9 = 40.
    // ρ = 24/√(24.5·40) = 24/√980 = 0.7666518779999278.
    const zeroCountByScore = [2, 0, 0, 0, 0, 2, 0, 0, 0, 2, 0];
    const nonZero = [
      { x: 3, y: 10 },
      { x: 7, y: 10 },
    ];
    expect(spearmanSparse({ nonZero, zeroCountByScore })).toBeCloseTo(0.7666518779999278, 14);
  });

  it('returns null when there are fewer than 3 users or x is constant', () => {
    expect(spearmanSparse({ nonZero: [{ x: 1, y: 5 }], zeroCountByScore: noZeros })).toBeNull();
    // Every user has x = 0: x is constant.
    expect(
      spearmanSparse({ nonZero: [], zeroCountByScore: [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0] }),
    ).toBeNull();
  });

  it('throws when the input breaks its contract', () => {
    expect(() => spearmanSparse({ nonZero: [], zeroCountByScore: [1, 2, 3] })).toThrow(
      /11 entries/,
    );
    expect(() => spearmanSparse({ nonZero: [{ x: 0, y: 5 }], zeroCountByScore: noZeros })).toThrow(
      /x must be a finite number > 0/,
    );
    expect(() => spearmanSparse({ nonZero: [{ x: 1, y: 11 }], zeroCountByScore: noZeros })).toThrow(
      /integer score 0–10/,
    );
    expect(() =>
      spearmanSparse({ nonZero: [], zeroCountByScore: [-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }),
    ).toThrow(/zeroCountByScore\[0\]/);
  });

  it('gives exactly the dense result on the expanded arrays', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            x: fc.oneof(
              fc.integer({ min: 1, max: 6 }),
              fc.double({ min: 0.5, max: 50, noNaN: true }),
            ),
            y: fc.integer({ min: 0, max: 10 }),
          }),
          { maxLength: 25 },
        ),
        fc.array(fc.nat(6), { minLength: 11, maxLength: 11 }),
        (nonZero, zeroCountByScore) => {
          const x = nonZero.map((row) => row.x);
          const y = nonZero.map((row) => row.y);
          zeroCountByScore.forEach((count, score) => {
            for (let i = 0; i < count; i += 1) {
              x.push(0);
              y.push(score);
            }
          });
          const sparse = spearmanSparse({ nonZero, zeroCountByScore });
          expect(sparse).toBe(spearman(x, y));
          expectCloseOrNull(sparse, naivePearson(naiveRanks(x), naiveRanks(y)), 12);
        },
      ),
    );
  });

  it('gives the same bits for (x, y) cells with user counts as for one entry per user', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            x: fc.integer({ min: 1, max: 6 }),
            y: fc.integer({ min: 0, max: 10 }),
            users: fc.integer({ min: 1, max: 4 }),
          }),
          { maxLength: 15 },
        ),
        fc.array(fc.nat(6), { minLength: 11, maxLength: 11 }),
        (cells, zeroCountByScore) => {
          const perUser = cells.flatMap(({ x, y, users }) =>
            Array.from({ length: users }, () => ({ x, y })),
          );
          expect(spearmanSparse({ nonZero: cells, zeroCountByScore })).toBe(
            spearmanSparse({ nonZero: perUser, zeroCountByScore }),
          );
        },
      ),
    );
  });

  it('refuses a cell without a whole positive user count', () => {
    const zeroCountByScore = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0];
    expect(() => spearmanSparse({ nonZero: [{ x: 1, y: 5, users: 0 }], zeroCountByScore })).toThrow(
      'nonZero[0].users must be a whole number ≥ 1, got 0',
    );
  });

  it('handles a large zero group without expanding it', () => {
    // 10^6 zero-x users (90910 scored 0, 90909 each other score) and one user with x > 0:
    // the sparse form must be fast and exactly equal to the dense one on the expanded arrays.
    const zeroCountByScore = Array.from(
      { length: 11 },
      (_, score) => 90_909 + (score === 0 ? 1 : 0),
    );
    const nonZero = [{ x: 1, y: 10 }];
    const started = Date.now();
    const sparse = spearmanSparse({ nonZero, zeroCountByScore });
    expect(Date.now() - started).toBeLessThan(50);
    const x: number[] = [1];
    const y: number[] = [10];
    zeroCountByScore.forEach((count, score) => {
      for (let i = 0; i < count; i += 1) {
        x.push(0);
        y.push(score);
      }
    });
    expect(sparse).toBe(spearman(x, y));
  });
});
