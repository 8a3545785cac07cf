import fc from 'fast-check';

import { logBeta, logGamma, regularizedIncompleteBeta } from './special-functions';

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
