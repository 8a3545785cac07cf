import fc from 'fast-check';

import {
  averageRanks,
  benjaminiHochberg,
  logBeta,
  logGamma,
  pearsonFromSums,
  pearsonPValue,
  regularizedIncompleteBeta,
  spearman,
  spearmanSparse,
  studentTTwoSidedPValue,
} from './correlation-math';

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

/** q_i = min over p_j ≥ p_i of min(1, p_j·m / #{k: p_k ≤ p_j}). */
function naiveBh(p: (number | null)[]): (number | null)[] {
  const present = p.filter((v): v is number => v !== null);
  const m = present.length;
  return p.map((pi) => {
    if (pi === null) {
      return null;
    }
    let q = 1;
    for (const pj of present) {
      if (pj >= pi) {
        q = Math.min(q, (pj * m) / present.filter((pk) => pk <= pj).length);
      }
    }
    return q;
  });
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

describe('logGamma', () => {
  it('returns ln of known factorials and of Γ(½) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14); // Γ(1) = 0! = 1
    expect(logGamma(2)).toBeCloseTo(0, 14); // Γ(2) = 1! = 1
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14); // ½·ln π = 0.5723649429247001
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12); // Γ(10) = 9! = 362880
    // ln(99!) = 359.13420536957540 (published value of ln Γ(100)).
    expect(logGamma(100)).toBeCloseTo(359.1342053695754, 10);
  });

  it('throws when x is not positive', () => {
    expect(() => logGamma(0)).toThrow(RangeError);
    expect(() => logGamma(-1)).toThrow(RangeError);
  });
});

describe('logBeta', () => {
  it('returns closed forms B(1, b) = 1/b and B(n+1, ½) = 2·(2n)!!/(2n+1)!!', () => {
    expect(logBeta(1, 0.5)).toBeCloseTo(Math.log(2), 14); // B(1, ½) = 2
    expect(logBeta(2, 0.5)).toBeCloseTo(Math.log(4 / 3), 14); // 2·2/3
    expect(logBeta(3, 0.5)).toBeCloseTo(Math.log(16 / 15), 14); // 2·(2·4)/(3·5)
    expect(logBeta(0.5, 0.5)).toBeCloseTo(Math.log(Math.PI), 14); // B(½, ½) = π
  });

  it('returns the asymptotic value when a is huge', () => {
    // ln B(a, ½) = ½·ln π − ½·ln a + 1/(8a) − 1/(192a³) + …; at a = 5·10^8:
    // 0.5723649429247001 − 10.015059328193233 + 2.5e-10 = −9.442694385018533.
    expect(logBeta(5e8, 0.5)).toBeCloseTo(-9.442694385018534, 12);
    // At a = 1000: 0.5723649429247001 − 3.4538776394910684 + 1.25e-4 − 5.2e-12 = −2.8813876965715766.
    expect(logBeta(1000, 0.5)).toBeCloseTo(-2.8813876965715766, 12);
  });
});

describe('regularizedIncompleteBeta', () => {
  it('returns x^a when b = 1 and 1 − (1 − x)^b when a = 1', () => {
    for (const x of [0.01, 0.2, 0.5, 0.77, 0.99]) {
      expect(regularizedIncompleteBeta(x, 3.5, 1)).toBeCloseTo(x ** 3.5, 13);
      expect(regularizedIncompleteBeta(x, 1, 2.5)).toBeCloseTo(1 - (1 - x) ** 2.5, 13);
    }
  });

  it('returns ½ at x = ½ when a = b (symmetry)', () => {
    for (const a of [0.5, 1, 7, 40.5, 1000]) {
      expect(regularizedIncompleteBeta(0.5, a, a)).toBeCloseTo(0.5, 12);
    }
  });

  it('returns 0 at x = 0 and 1 at x = 1', () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });

  it('satisfies I_x(a, b) = 1 − I_{1−x}(b, a)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.double({ min: 0.1, max: 200, noNaN: true }),
        fc.double({ min: 0.1, max: 200, noNaN: true }),
        (x, a, b) => {
          expect(regularizedIncompleteBeta(x, a, b)).toBeCloseTo(
            1 - regularizedIncompleteBeta(1 - x, b, a),
            10,
          );
        },
      ),
    );
  });

  it('throws on arguments outside its domain', () => {
    expect(() => regularizedIncompleteBeta(1.5, 1, 1)).toThrow(RangeError);
    expect(() => regularizedIncompleteBeta(0.5, 0, 1)).toThrow(RangeError);
  });
});

/*
 * Closed forms of the two-sided Student-t p-value P(|T| ≥ t) (Abramowitz & Stegun 26.7.3/26.7.4,
 * with θ = atan(|t|/√ν)):
 *   ν = 1 (Cauchy): 1 − 2·atan|t|/π
 *   ν = 2:          1 − |t|/√(t² + 2)
 *   ν = 3:          1 − (2/π)·(θ + sin θ·cos θ)
 *   ν = 4:          1 − sin θ·(1 + cos²θ/2)
 */
const closedFormP: Record<number, (t: number) => number> = {
  1: (t) => 1 - (2 * Math.atan(Math.abs(t))) / Math.PI,
  2: (t) => 1 - Math.abs(t) / Math.sqrt(t * t + 2),
  3: (t) => {
    const theta = Math.atan(Math.abs(t) / Math.sqrt(3));
    return 1 - (2 / Math.PI) * (theta + Math.sin(theta) * Math.cos(theta));
  },
  4: (t) => {
    const theta = Math.atan(Math.abs(t) / 2);
    return 1 - Math.sin(theta) * (1 + Math.cos(theta) ** 2 / 2);
  },
};

describe('studentTTwoSidedPValue', () => {
  it('returns the published two-sided p for t = 2.0 with 10 df', () => {
    // R: 2*pt(-2, 10) = 0.07338803477
    expect(studentTTwoSidedPValue(2, 10)).toBeCloseTo(0.07338803477074, 12);
  });

  it('returns 0.05 at the 97.5% quantile with 10 df', () => {
    // R: qt(0.975, 10) = 2.228138852 → 2*pt(-2.228138852, 10) = 0.05 (to 1e-11).
    expect(studentTTwoSidedPValue(2.228138852, 10)).toBeCloseTo(0.05, 10);
  });

  it('returns 0.5 for t = 1 with 1 df (Cauchy: 1 − 2·atan(1)/π = 1 − ½)', () => {
    expect(studentTTwoSidedPValue(1, 1)).toBeCloseTo(0.5, 14);
    expect(studentTTwoSidedPValue(-1, 1)).toBeCloseTo(0.5, 14);
  });

  it('approaches the normal value when df is huge', () => {
    // Normal: 2·Q(1.959964) = erfc(1.959964/√2) = 0.04999999819288482 (1.959964 is a hair
    // above the 97.5% point 1.959963984540054). Edgeworth correction for ν = 10^6:
    // + φ(t)·(t³ + t)/(2ν) = 0.058445068034095·9.48928…/(2·10^6) = 2.772951e-7
    // → 0.05000027548799738 (error O(ν⁻²) ≈ 1e-13).
    expect(studentTTwoSidedPValue(1.959964, 1e6)).toBeCloseTo(0.05000027548799738, 11);
    expect(studentTTwoSidedPValue(1.959964, 1e6)).toBeCloseTo(0.05, 6);
  });

  it('returns other published values of R 2*pt(-|t|, df)', () => {
    expect(studentTTwoSidedPValue(3, 20)).toBeCloseTo(0.007075898791211, 13); // 0.007075899
    expect(studentTTwoSidedPValue(0.5, 30)).toBeCloseTo(0.6207230048851, 12); // 0.620723
    // 2*pt(-10, 100) = 9.901689e-17: check relative accuracy on a tiny p.
    expect(studentTTwoSidedPValue(10, 100) / 9.901688984594e-17).toBeCloseTo(1, 9);
  });

  it('returns 1 for t = 0 and 0 for an infinite t', () => {
    expect(studentTTwoSidedPValue(0, 7)).toBe(1);
    expect(studentTTwoSidedPValue(Number.POSITIVE_INFINITY, 7)).toBe(0);
  });

  for (const df of [1, 2, 3, 4]) {
    it(`matches the closed form for ${df} df across many t`, () => {
      fc.assert(
        fc.property(fc.double({ min: -60, max: 60, noNaN: true }), (t) => {
          expect(studentTTwoSidedPValue(t, df)).toBeCloseTo(closedFormP[df](t), 12);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('throws when df is not positive', () => {
    expect(() => studentTTwoSidedPValue(1, 0)).toThrow(/df must be/);
    expect(() => studentTTwoSidedPValue(Number.NaN, 3)).toThrow(RangeError);
  });
});

describe('pearsonPValue', () => {
  it('returns the t-test p via t = r·√((n−2)/(1−r²)) for t = 2 with 10 df', () => {
    // n = 12 (df 10); t = 2 ⇔ r = t/√(t² + df) = 2/√14 = 0.5345224838248488.
    expect(pearsonPValue(2 / Math.sqrt(14), 12)).toBeCloseTo(0.07338803477074, 12);
  });

  it('returns 2/3 for r = ½ with n = 3 (1 df: p = 1 − 2·asin|r|/π = 1 − 2·(π/6)/π)', () => {
    expect(pearsonPValue(0.5, 3)).toBeCloseTo(2 / 3, 14);
  });

  it('returns 1 − |r| with n = 4 (2 df: p = 1 − |t|/√(t²+2) = 1 − |r|)', () => {
    for (const r of [-0.9, -0.3, 0.1, 0.5, 0.99]) {
      expect(pearsonPValue(r, 4)).toBeCloseTo(1 - Math.abs(r), 13);
    }
  });

  it('returns the published p of a 10-point dataset', () => {
    // x = 1..10, y = [1,3,2,5,4,7,6,9,8,10]: Sxy = 381 − 302.5 = 78.5, Sxx = Syy = 82.5,
    // r = 78.5/82.5 = 0.9515151515; scipy.stats.pearsonr: p = 2.2798549206417307e-05.
    expect(pearsonPValue(78.5 / 82.5, 10)).toBeCloseTo(2.2798549206417307e-5, 15);
  });

  it('returns 0 when r = ±1 and 1 when r = 0', () => {
    expect(pearsonPValue(1, 10)).toBe(0);
    expect(pearsonPValue(-1, 10)).toBe(0);
    expect(pearsonPValue(0, 10)).toBeCloseTo(1, 14);
  });

  it('returns null when n < 3', () => {
    expect(pearsonPValue(0.5, 2)).toBeNull();
    expect(pearsonPValue(0, 0)).toBeNull();
  });

  it('clamps r a rounding error beyond ±1 and throws further out', () => {
    expect(pearsonPValue(1 + 1e-15, 10)).toBe(0);
    expect(() => pearsonPValue(1.01, 10)).toThrow(/r must lie in/);
    expect(() => pearsonPValue(0.5, 10.5)).toThrow(/n must be/);
  });

  it('matches the closed-form t p-value for n = 3..6 across many r', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.999, max: 0.999, noNaN: true }),
        fc.integer({ min: 3, max: 6 }),
        (r, n) => {
          const df = n - 2;
          const t = r * Math.sqrt(df / (1 - r * r));
          expect(pearsonPValue(r, n)).toBeCloseTo(closedFormP[df](t), 11);
        },
      ),
    );
  });

  it('takes only a few milliseconds even with a million observations', () => {
    // r = 0.002, n = 10^6 (df = 999998): t = 0.002·√(999998/0.999996) = 2.000002000007.
    // Normal: 2·Q(t) = erfc(t/√2) = 0.04550004793216845; Edgeworth correction
    // φ(t)·(t³ + t)/(2·df) = 2.69954994537e-7 → 0.04550031788716299 (error O(df⁻²)).
    const started = Date.now();
    expect(pearsonPValue(0.002, 1_000_000)).toBeCloseTo(0.04550031788716299, 11);
    expect(Date.now() - started).toBeLessThan(200);
  });
});

describe('averageRanks', () => {
  it('returns 1..n when there are no ties', () => {
    expect(averageRanks([30, 10, 20])).toEqual([3, 1, 2]);
  });

  it('averages the ranks a tie group spans', () => {
    // Sorted: 1 (rank 1), 2 (rank 2), 3, 3 (ranks 3 and 4 → 3.5).
    expect(averageRanks([3, 1, 3, 2])).toEqual([3.5, 1, 3.5, 2]);
    // All equal: every value gets (1 + n)/2 = 2.5.
    expect(averageRanks([7, 7, 7, 7])).toEqual([2.5, 2.5, 2.5, 2.5]);
  });

  it('returns an empty list for no values', () => {
    expect(averageRanks([])).toEqual([]);
  });

  it('throws when a value is NaN', () => {
    expect(() => averageRanks([1, Number.NaN])).toThrow(/NaN/);
  });

  it('agrees with the counting definition of averaged ranks', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 40 }), (values) => {
        expect(averageRanks(values)).toEqual(naiveRanks(values));
      }),
    );
  });
});

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

describe('benjaminiHochberg', () => {
  it('returns the step-up q-values in input order', () => {
    // m = 4. Sorted: 0.005 (1) → 0.02, 0.01 (2) → 0.02, 0.03 (3) → 0.04, 0.04 (4) → 0.04;
    // running minimum from the top leaves them unchanged → q = [0.02, 0.04, 0.04, 0.02].
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
    expect(q).toHaveLength(4);
    [0.02, 0.04, 0.04, 0.02].forEach((expected, i) => expect(q[i]).toBeCloseTo(expected, 15));
  });

  it('gives tied p-values the same q and skips nulls when counting m', () => {
    // Non-null: 0.02, 0.02, 0.5, 0.001 → m = 4. Sorted: 0.001 (1) → 0.004; 0.02 (2) → 0.04;
    // 0.02 (3) → 0.08/3 = 0.02666…; 0.5 (4) → 0.5. Running minimum from the top:
    // 0.5, 0.02666…, min(0.04, 0.02666…) = 0.02666…, 0.004.
    const q = benjaminiHochberg([0.02, null, 0.02, 0.5, null, 0.001]);
    expect(q[1]).toBeNull();
    expect(q[4]).toBeNull();
    expect(q[0]).toBeCloseTo(0.08 / 3, 15);
    expect(q[2]).toBeCloseTo(0.08 / 3, 15);
    expect(q[3]).toBeCloseTo(0.5, 15);
    expect(q[5]).toBeCloseTo(0.004, 15);
  });

  it('lowers a q to a later, smaller bound (step-up)', () => {
    // m = 3: sorted 0.02 (1) → 0.06, 0.03 (2) → 0.045, 0.04 (3) → 0.04 → all three become
    // min over the tail: [0.04, 0.04, 0.04].
    const q = benjaminiHochberg([0.04, 0.02, 0.03]);
    q.forEach((value) => expect(value).toBeCloseTo(0.04, 15));
  });

  it('returns an empty list, all nulls, and p = 0 unchanged', () => {
    expect(benjaminiHochberg([])).toEqual([]);
    expect(benjaminiHochberg([null, null])).toEqual([null, null]);
    expect(benjaminiHochberg([0, 1])).toEqual([0, 1]);
  });

  it('throws when a p-value lies outside [0, 1]', () => {
    expect(() => benjaminiHochberg([0.5, 1.2])).toThrow(/\[0, 1\], got 1.2 at index 1/);
    expect(() => benjaminiHochberg([Number.NaN])).toThrow(RangeError);
  });

  it('is monotone in p, never below p, never above 1 and matches the O(m²) definition', () => {
    const pValue = fc.oneof(
      fc.constant(null),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.constantFrom(0.01, 0.05, 0.2),
    );
    fc.assert(
      fc.property(fc.array(pValue, { maxLength: 30 }), (p) => {
        const q = benjaminiHochberg(p);
        const expected = naiveBh(p);
        expect(q).toHaveLength(p.length);
        p.forEach((pi, i) => {
          const qi = q[i];
          if (pi === null) {
            expect(qi).toBeNull();
            return;
          }
          expect(qi).not.toBeNull();
          expect(qi).toBeCloseTo(expected[i] ?? Number.NaN, 14);
          expect(qi).toBeGreaterThanOrEqual(pi);
          expect(qi).toBeLessThanOrEqual(1);
          p.forEach((pj, j) => {
            if (pj !== null && pi <= pj) {
              expect(qi).toBeLessThanOrEqual(q[j] ?? Number.NaN);
            }
          });
        });
      }),
    );
  });
});
