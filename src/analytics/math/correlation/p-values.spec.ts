import fc from 'fast-check';

import { pearsonPValue, studentTTwoSidedPValue } from './p-values';

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
