import fc from 'fast-check';

import { tierIndex } from './engagement-tiers';
import { type CountFrequency, quartileThresholds, quartiles } from './quartile-tiers';

/** A histogram of a plain list of counts. */
const histogramOf = (counts: number[]): CountFrequency[] => {
  const byCount = new Map<number, number>();
  for (const count of counts) byCount.set(count, (byCount.get(count) ?? 0) + 1);
  return [...byCount].map(([events, responses]) => ({ events, responses }));
};

describe('quartiles (nearest rank)', () => {
  it('takes the values at ranks ⌈n/4⌉, ⌈n/2⌉, ⌈3n/4⌉ of eight distinct counts', () => {
    // Sorted 0 1 2 3 4 5 6 7, n = 8: ranks 2, 4, 6 → 1, 3, 5.
    expect(quartiles(histogramOf([7, 3, 0, 5, 1, 6, 2, 4]))).toEqual([1, 3, 5]);
  });

  it('reads the ranks through the frequencies of a histogram, in any order', () => {
    // 0 ×3, 2 ×1, 9 ×4 (n = 8): sorted 0 0 0 2 9 9 9 9; ranks 2, 4, 6 → 0, 2, 9.
    expect(
      quartiles([
        { events: 9, responses: 4 },
        { events: 0, responses: 3 },
        { events: 5, responses: 0 },
        { events: 2, responses: 1 },
      ]),
    ).toEqual([0, 2, 9]);
  });

  it('rounds ranks up for n not divisible by 4', () => {
    // n = 5, sorted 10 20 30 40 50: ranks ⌈1.25⌉ = 2, ⌈2.5⌉ = 3, ⌈3.75⌉ = 4 → 20, 30, 40.
    expect(quartiles(histogramOf([50, 40, 30, 20, 10]))).toEqual([20, 30, 40]);
  });

  it('is null without responses', () => {
    expect(quartiles([])).toBeNull();
    expect(quartiles([{ events: 3, responses: 0 }])).toBeNull();
  });
});

describe('quartileThresholds', () => {
  it('gives four tiers of two responses each for eight distinct counts', () => {
    // Q = 1, 3, 5 → thresholds 2, 4, 6: tiers 0–1 {0, 1}, 2–3 {2, 3}, 4–5 {4, 5}, 6+ {6, 7}.
    const counts = [0, 1, 2, 3, 4, 5, 6, 7];
    const thresholds = quartileThresholds(histogramOf(counts));
    expect(thresholds).toEqual([2, 4, 6]);
    expect(counts.map((count) => tierIndex(count, thresholds))).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });

  it('merges the tiers of tied quartiles', () => {
    // 3 3 3 3 3 10 10 12 (n = 8): ranks 2, 4, 6 → Q = 3, 3, 10 → 4, 4, 11 → [4, 11]:
    // tiers 0–3 (five responses), 4–10 (two), 11+ (one).
    const counts = [3, 3, 3, 3, 3, 10, 10, 12];
    const thresholds = quartileThresholds(histogramOf(counts));
    expect(thresholds).toEqual([4, 11]);
    expect(counts.map((count) => tierIndex(count, thresholds))).toEqual([0, 0, 0, 0, 0, 1, 1, 2]);
  });

  it('drops a threshold above the largest count: fewer than four distinct counts give fewer tiers', () => {
    // 1 2 3 (n = 3): ranks 1, 2, 3 → Q = 1, 2, 3 → 2, 3, 4; 4 > max 3 is dropped → [2, 3]:
    // tiers 0–1, 2, 3+ (one response each).
    expect(quartileThresholds(histogramOf([1, 2, 3]))).toEqual([2, 3]);
    // 0 5 5 5: ranks 1, 2, 3 → Q = 0, 5, 5 → 1, 6, 6 → [1, 6] → 6 > 5 dropped → [1]: 0 and 1+.
    expect(quartileThresholds(histogramOf([0, 5, 5, 5]))).toEqual([1]);
    // 0 0 0 5: Q = 0, 0, 0 → [1]: tier 0 holds three, 1+ holds the 5.
    expect(quartileThresholds(histogramOf([0, 0, 0, 5]))).toEqual([1]);
  });

  it('puts every response in tier 0 when all have the same count, and answers [1] without any', () => {
    // 7 7 7: Q = 7, 7, 7 → 8 > max 7 dropped → nothing left → [max + 1] = [8]: tier 0–7 holds all.
    expect(quartileThresholds(histogramOf([7, 7, 7]))).toEqual([8]);
    expect(quartileThresholds([])).toEqual([1]);
  });

  it('always answers ascending thresholds that leave no tier empty and at least a quarter in tier 0', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 80 }),
        (counts) => {
          const thresholds = quartileThresholds(histogramOf(counts));
          expect(thresholds.length).toBeGreaterThanOrEqual(1);
          expect(thresholds.length).toBeLessThanOrEqual(3);
          thresholds.forEach((value, index) => {
            if (index > 0) expect(value).toBeGreaterThan(thresholds[index - 1]);
          });
          const perTier = new Array(thresholds.length + 1).fill(0);
          for (const count of counts) perTier[tierIndex(count, thresholds)] += 1;
          expect(perTier[0] * 4).toBeGreaterThanOrEqual(counts.length);
          const distinct = new Set(counts).size;
          // Only the fallback for a single distinct count leaves a (top) tier empty.
          if (distinct > 1) expect(perTier.every((n) => n > 0)).toBe(true);
          else expect(perTier).toEqual([counts.length, 0]);
        },
      ),
    );
  });
});
