import fc from 'fast-check';
import { scoreDistribution } from './score-distribution';

/** Counts per score 0…10 from a list of scores. */
function countsOf(scores: number[]): number[] {
  const counts = Array<number>(11).fill(0);
  for (const score of scores) counts[score] += 1;
  return counts;
}

describe('scoreDistribution', () => {
  it('takes the middle score when several responses tie on it', () => {
    // 7, 8, 8, 8, 9: n = 5, the 3rd is 8; mean (7 + 24 + 9)/5 = 8; shares 0.2, 0.6, 0.2.
    const result = scoreDistribution(countsOf([7, 8, 8, 8, 9]));
    expect(result.median).toBe(8);
    expect(result.mean).toBeCloseTo(8, 10);
    expect(result.shares[8]).toBeCloseTo(0.6, 10);
    expect(result.responses).toBe(5);
  });

  it('averages the two middle scores of an even count, even across a gap', () => {
    // 3, 3, 9, 9: the 2nd and 3rd are 3 and 9 → 6; mean 24/4 = 6.
    expect(scoreDistribution(countsOf([3, 3, 9, 9])).median).toBe(6);
    // 6, 7, 7, 10: 7 and 7 → 7 (a tie on both middle ranks).
    expect(scoreDistribution(countsOf([6, 7, 7, 10])).median).toBe(7);
    // 6, 7, 8, 9: 7 and 8 → 7.5.
    expect(scoreDistribution(countsOf([6, 7, 8, 9])).median).toBe(7.5);
  });

  it('has null mean and median and zero shares without responses', () => {
    expect(scoreDistribution(Array<number>(11).fill(0))).toEqual({
      responses: 0,
      counts: Array<number>(11).fill(0),
      shares: Array<number>(11).fill(0),
      mean: null,
      median: null,
    });
  });

  it('refuses anything but 11 non-negative integers', () => {
    expect(() => scoreDistribution([1, 2])).toThrow(/11 non-negative integers/);
    expect(() => scoreDistribution([...Array<number>(10).fill(0), -1])).toThrow(RangeError);
  });

  it('agrees with sorting the scores (reference)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 60 }),
        (scores) => {
          const sorted = [...scores].sort((a, b) => a - b);
          const n = sorted.length;
          const median =
            n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
          const result = scoreDistribution(countsOf(scores));
          expect(result.median).toBe(median);
          expect(result.mean).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / n, 10);
          expect(result.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
        },
      ),
    );
  });
});
