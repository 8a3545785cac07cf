import fc from 'fast-check';

import { benjaminiHochberg } from './benjamini-hochberg';

/*
 * Independent oracles, deliberately written the slow and obvious way (two-pass means, O(n²)
 * ranks, O(m²) Benjamini–Hochberg), so that property tests compare against a second
 * implementation rather than against the code under test.
 */
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
