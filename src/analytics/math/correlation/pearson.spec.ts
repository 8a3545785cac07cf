import fc from 'fast-check';

import { pearsonFromSums } from './pearson';

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

function sumsOf(x: number[], y: number[]) {
  return {
    n: x.length,
    sumX: x.reduce((s, v) => s + v, 0),
    sumY: y.reduce((s, v) => s + v, 0),
    sumXX: x.reduce((s, v) => s + v * v, 0),
    sumYY: y.reduce((s, v) => s + v * v, 0),
    sumXY: x.reduce((s, v, i) => s + v * y[i], 0),
  };
}

function expectCloseOrNull(actual: number | null, expected: number | null, digits: number) {
  if (expected === null) {
    expect(actual).toBeNull();
  } else {
    expect(actual).not.toBeNull();
    expect(actual).toBeCloseTo(expected, digits);
  }
}

describe('pearsonFromSums', () => {
  it('returns √0.6 for a small hand-worked dataset', () => {
    // x = [1,2,3,4,5], y = [2,4,5,4,5]: n=5, Σx=15, Σy=20, Σx²=55, Σy²=86, Σxy=66.
    // n·Σxy − ΣxΣy = 330 − 300 = 30; n·Σx² − (Σx)² = 275 − 225 = 50; n·Σy² − (Σy)² = 430 − 400 = 30.
    // r = 30/√(50·30) = 30/√1500 = √(900/1500) = √0.6 = 0.7745966692414834.
    const r = pearsonFromSums({ n: 5, sumX: 15, sumY: 20, sumXX: 55, sumYY: 86, sumXY: 66 });
    expect(r).toBeCloseTo(0.7745966692414834, 14);
  });

  it('returns the same r when the sums come from non-integer data', () => {
    // x shifted by −0.5: x = [0.5,1.5,2.5,3.5,4.5] → Σx=12.5, Σx²=41.25, Σxy=56;
    // n·Σxy − ΣxΣy = 280 − 250 = 30, n·Σx² − (Σx)² = 206.25 − 156.25 = 50 → r = √0.6 again.
    const r = pearsonFromSums({ n: 5, sumX: 12.5, sumY: 20, sumXX: 41.25, sumYY: 86, sumXY: 56 });
    expect(r).toBeCloseTo(0.7745966692414834, 12);
  });

  it('returns √0.6 exactly when bigint sums exceed 2^53 (data shifted by 10^9)', () => {
    // x = 10^9 + [1..5]: a shift leaves r unchanged. Σx = 5·10^9 + 15,
    // Σx² = Σ(10^18 + 2·10^9·i + i²) = 5·10^18 + 30·10^9 + 55,
    // Σxy = Σ(10^9·y_i + i·y_i) = 20·10^9 + 66. In doubles n·Σx² − (Σx)² would cancel to noise.
    const r = pearsonFromSums({
      n: 5n,
      sumX: 5_000_000_015n,
      sumY: 20n,
      sumXX: 5_000_000_030_000_000_055n,
      sumYY: 86n,
      sumXY: 20_000_000_066n,
    });
    expect(r).toBeCloseTo(0.7745966692414834, 14);
  });

  it('returns −1 for a perfectly decreasing relation', () => {
    // x = [1,2,3], y = [3,2,1]: n·Σxy − ΣxΣy = 3·10 − 36 = −6; both variances 3·14 − 36 = 6.
    expect(pearsonFromSums({ n: 3, sumX: 6, sumY: 6, sumXX: 14, sumYY: 14, sumXY: 10 })).toBe(-1);
  });

  it('adds users with x = 0 through the totals only', () => {
    // Sparse rows (x>0): (2, 9), (4, 10). Zero-x users: scores 6, 8, 3.
    // n=5, Σx=6, Σx²=20, Σxy=2·9+4·10=58; Σy=9+10+6+8+3=36, Σy²=81+100+36+64+9=290.
    // n·Σxy − ΣxΣy = 290 − 216 = 74; n·Σx² − (Σx)² = 100 − 36 = 64; n·Σy² − (Σy)² = 1450 − 1296 = 154.
    // r = 74/√(64·154) = 74/(8·12.409673645990857) = 74/99.27738916792686 = 0.7453862417234768.
    const r = pearsonFromSums({ n: 5, sumX: 6, sumY: 36, sumXX: 20, sumYY: 290, sumXY: 58 });
    expect(r).toBeCloseTo(0.7453862417234768, 14);
    expect(r).toBeCloseTo(naivePearson([2, 4, 0, 0, 0], [9, 10, 6, 8, 3]) ?? Number.NaN, 14);
  });

  it('returns null when there are fewer than 3 observations', () => {
    expect(pearsonFromSums({ n: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 })).toBeNull();
    expect(pearsonFromSums({ n: 2, sumX: 3, sumY: 3, sumXX: 5, sumYY: 5, sumXY: 5 })).toBeNull();
  });

  it('returns null when x or y is constant', () => {
    // x = [2,2,2], y = [1,2,3]: n·Σx² − (Σx)² = 3·12 − 36 = 0.
    expect(pearsonFromSums({ n: 3, sumX: 6, sumY: 6, sumXX: 12, sumYY: 14, sumXY: 12 })).toBeNull();
    // Constant non-integer y = [0.1, 0.1, 0.1]: cancellation noise must not pass as variance.
    expect(
      pearsonFromSums({
        n: 3,
        sumX: 6,
        sumY: 0.1 + 0.1 + 0.1,
        sumXX: 14,
        sumYY: 0.01 + 0.01 + 0.01,
        sumXY: 0.6,
      }),
    ).toBeNull();
  });

  it('throws when exact sums are impossible for any dataset', () => {
    // n·Σx² − (Σx)² = 3·1 − 36 < 0 violates Cauchy–Schwarz.
    expect(() =>
      pearsonFromSums({ n: 3, sumX: 6, sumY: 6, sumXX: 1, sumYY: 14, sumXY: 12 }),
    ).toThrow(/Inconsistent sums/);
  });

  it('throws when n is negative or fractional or a sum is not finite', () => {
    expect(() =>
      pearsonFromSums({ n: -3, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 }),
    ).toThrow(/n must be a non-negative integer/);
    expect(() =>
      pearsonFromSums({ n: 3.5, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 }),
    ).toThrow(/n must be a non-negative integer/);
    expect(() =>
      pearsonFromSums({ n: 3, sumX: Number.NaN, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 }),
    ).toThrow(/finite/);
  });

  it('agrees with a two-pass Pearson on integer count/score data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(60), fc.integer({ min: 0, max: 10 })), { maxLength: 40 }),
        (rows) => {
          const x = rows.map(([v]) => v);
          const y = rows.map(([, v]) => v);
          expectCloseOrNull(pearsonFromSums(sumsOf(x, y)), naivePearson(x, y), 12);
        },
      ),
    );
  });

  it('agrees with a two-pass Pearson on real-valued data that is not near-constant', () => {
    // Reals with three decimals in [−1000, 1000] (no denormals, whose squares underflow to 0).
    const real = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((v) => v / 1000);
    fc.assert(
      fc.property(fc.array(fc.tuple(real, real), { minLength: 3, maxLength: 30 }), (rows) => {
        const x = rows.map(([v]) => v);
        const y = rows.map(([, v]) => v);
        const spread = (v: number[]) => Math.max(...v) - Math.min(...v);
        const scale = (v: number[]) => Math.max(...v.map(Math.abs));
        fc.pre(spread(x) > 1e-3 * scale(x) && spread(y) > 1e-3 * scale(y));
        const expected = naivePearson(x, y);
        expect(pearsonFromSums(sumsOf(x, y))).toBeCloseTo(expected ?? Number.NaN, 6);
      }),
    );
  });

  it('stays within [−1, 1] for any integer data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(5), fc.nat(5)), { minLength: 3, maxLength: 30 }),
        (rows) => {
          const r = pearsonFromSums(
            sumsOf(
              rows.map(([v]) => v),
              rows.map(([, v]) => v),
            ),
          );
          if (r !== null) {
            expect(Math.abs(r)).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });
});
