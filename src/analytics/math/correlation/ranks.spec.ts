import fc from 'fast-check';

import { averageRanks } from './ranks';

/*
 * Independent oracles, deliberately written the slow and obvious way (two-pass means, O(n²)
 * ranks, O(m²) Benjamini–Hochberg), so that property tests compare against a second
 * implementation rather than against the code under test.
 */
/** rank(v) = #{values < v} + (#{values = v} + 1)/2. */
function naiveRanks(values: number[]): number[] {
  return values.map((v) => {
    const below = values.filter((w) => w < v).length;
    const equal = values.filter((w) => w === v).length;
    return below + (equal + 1) / 2;
  });
}

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
