import fc from 'fast-check';

import {
  DEFAULT_ENGAGEMENT_THRESHOLDS,
  tierBounds,
  tierIndex,
  tierLabel,
  validateThresholds,
} from './engagement-tiers';

describe('validateThresholds', () => {
  it('accepts the default thresholds [1, 5, 20]', () => {
    expect(DEFAULT_ENGAGEMENT_THRESHOLDS).toEqual([1, 5, 20]);
    expect(() => validateThresholds(DEFAULT_ENGAGEMENT_THRESHOLDS)).not.toThrow();
  });

  it('accepts one threshold, ten thresholds and a first threshold of 0', () => {
    expect(() => validateThresholds([3])).not.toThrow();
    expect(() => validateThresholds([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).not.toThrow();
    expect(() => validateThresholds([0, 5])).not.toThrow();
  });

  it('throws when there are no thresholds or more than ten', () => {
    expect(() => validateThresholds([])).toThrow(/between 1 and 10 entries, got 0/);
    expect(() => validateThresholds([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toThrow(
      /between 1 and 10 entries, got 11/,
    );
  });

  it('throws when a threshold is negative or not an integer', () => {
    expect(() => validateThresholds([-1, 5])).toThrow(
      /threshold -1 \(position 1\) must be a non-negative integer/,
    );
    expect(() => validateThresholds([1, 2.5])).toThrow(
      /threshold 2.5 \(position 2\) must be a non-negative integer/,
    );
    expect(() => validateThresholds([1, Number.POSITIVE_INFINITY])).toThrow(/non-negative integer/);
  });

  it('throws when thresholds repeat or decrease', () => {
    expect(() => validateThresholds([1, 5, 5])).toThrow(
      /strictly increasing: 5 \(position 3\) is not greater than 5 \(position 2\)/,
    );
    expect(() => validateThresholds([20, 5, 1])).toThrow(/strictly increasing/);
  });
});

describe('tierLabel', () => {
  it('returns "0", "1–4", "5–19", "20+" for the default thresholds', () => {
    // tier 0 = [0, 1) = {0}; tier 1 = [1, 5) = 1..4; tier 2 = [5, 20) = 5..19; tier 3 = [20, ∞).
    expect([0, 1, 2, 3].map((i) => tierLabel(i, [1, 5, 20]))).toEqual(['0', '1–4', '5–19', '20+']);
  });

  it('returns a single number for a one-count tier and ranges for wider ones', () => {
    // [2, 3, 10]: [0, 2) = 0–1; [2, 3) = 2; [3, 10) = 3–9; [10, ∞) = 10+.
    expect([0, 1, 2, 3].map((i) => tierLabel(i, [2, 3, 10]))).toEqual(['0–1', '2', '3–9', '10+']);
  });

  it('returns "none" for the empty tier 0 that a first threshold of 0 creates', () => {
    // [0, 5]: [0, 0) is empty; [0, 5) = 0–4; [5, ∞) = 5+.
    expect([0, 1, 2].map((i) => tierLabel(i, [0, 5]))).toEqual(['none', '0–4', '5+']);
  });

  it('throws when the index is outside 0..k or the thresholds are invalid', () => {
    expect(() => tierLabel(4, [1, 5, 20])).toThrow(/integer from 0 to 3, got 4/);
    expect(() => tierLabel(-1, [1, 5, 20])).toThrow(RangeError);
    expect(() => tierLabel(0, [5, 1])).toThrow(/strictly increasing/);
  });
});

describe('tierBounds', () => {
  it('returns inclusive bounds, with an open top tier', () => {
    expect(tierBounds(0, [1, 5, 20])).toEqual({ min: 0, max: 0 });
    expect(tierBounds(2, [1, 5, 20])).toEqual({ min: 5, max: 19 });
    expect(tierBounds(3, [1, 5, 20])).toEqual({ min: 20, max: null });
  });
});

describe('tierIndex', () => {
  it('returns the tier of each boundary count for the default thresholds', () => {
    // 0 → tier 0; 1 and 4 → tier 1; 5 and 19 → tier 2; 20 and beyond → tier 3.
    const counts = [0, 1, 4, 5, 19, 20, 1_000_000];
    expect(counts.map((c) => tierIndex(c, [1, 5, 20]))).toEqual([0, 1, 1, 2, 2, 3, 3]);
  });

  it('never returns the empty tier 0 when the first threshold is 0', () => {
    expect(tierIndex(0, [0, 5])).toBe(1);
  });

  it('throws when the count is negative or fractional', () => {
    expect(() => tierIndex(-1, [1, 5, 20])).toThrow(/non-negative integer, got -1/);
    expect(() => tierIndex(2.5, [1, 5, 20])).toThrow(RangeError);
  });

  it('puts every count inside the bounds of its tier', () => {
    const thresholds = fc
      .uniqueArray(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 10 })
      .map((values) => [...values].sort((a, b) => a - b));
    fc.assert(
      fc.property(thresholds, fc.integer({ min: 0, max: 150 }), (t, count) => {
        const index = tierIndex(count, t);
        const { min, max } = tierBounds(index, t);
        expect(count).toBeGreaterThanOrEqual(min);
        if (max !== null) {
          expect(count).toBeLessThanOrEqual(max);
        }
      }),
    );
  });
});
