/**
 * Engagement tiers from ascending thresholds t₁ < … < t_k (docs/nps-method.md, "Engagement"):
 * tier 0 = [0, t₁), tier i = [t_i, t_{i+1}), tier k = [t_k, ∞). Unmatched responses form the
 * tier `unknown`, which is not an index here.
 */

export const DEFAULT_ENGAGEMENT_THRESHOLDS: readonly number[] = Object.freeze([1, 5, 20]);

export const MAX_ENGAGEMENT_THRESHOLDS = 10;

export interface TierBounds {
  /** Smallest count in the tier (inclusive). */
  min: number;
  /** Largest count in the tier (inclusive); null for the open top tier. */
  max: number | null;
}

/**
 * Throws a RangeError naming the problem unless `thresholds` is 1–10 non-negative integers in
 * strictly increasing order. (A first threshold of 0 is allowed; tier 0 = [0, 0) is then empty.)
 */
export function validateThresholds(thresholds: ReadonlyArray<number>): void {
  if (!Array.isArray(thresholds)) {
    throw new RangeError('Engagement thresholds must be an array of integers');
  }
  if (thresholds.length < 1 || thresholds.length > MAX_ENGAGEMENT_THRESHOLDS) {
    throw new RangeError(
      `Engagement thresholds must have between 1 and ${MAX_ENGAGEMENT_THRESHOLDS} entries, ` +
        `got ${thresholds.length}`,
    );
  }
  thresholds.forEach((threshold, index) => {
    if (!Number.isSafeInteger(threshold) || threshold < 0) {
      throw new RangeError(
        `Engagement threshold ${String(threshold)} (position ${index + 1}) must be a ` +
          'non-negative integer',
      );
    }
    if (index > 0 && threshold <= thresholds[index - 1]) {
      throw new RangeError(
        `Engagement thresholds must be strictly increasing: ${threshold} (position ` +
          `${index + 1}) is not greater than ${thresholds[index - 1]} (position ${index})`,
      );
    }
  });
}

function assertTierIndex(index: number, thresholds: ReadonlyArray<number>): void {
  if (!Number.isInteger(index) || index < 0 || index > thresholds.length) {
    throw new RangeError(
      `Tier index must be an integer from 0 to ${thresholds.length}, got ${String(index)}`,
    );
  }
}

/** Inclusive bounds of tier `index` (0 … k). For an empty tier 0 (t₁ = 0), max = −1 < min. */
export function tierBounds(index: number, thresholds: ReadonlyArray<number>): TierBounds {
  validateThresholds(thresholds);
  assertTierIndex(index, thresholds);
  const min = index === 0 ? 0 : thresholds[index - 1];
  const max = index === thresholds.length ? null : thresholds[index] - 1;
  return { min, max };
}

/**
 * Human label of tier `index`: "0", "1–4", "5–19", "20+" for [1, 5, 20] (an en dash between
 * inclusive bounds, a single number when the tier holds one count, "n+" for the top tier, and
 * "none" for the empty tier 0 that a first threshold of 0 produces).
 */
export function tierLabel(index: number, thresholds: ReadonlyArray<number>): string {
  const { min, max } = tierBounds(index, thresholds);
  if (max === null) {
    return `${min}+`;
  }
  if (max < min) {
    return 'none';
  }
  return max === min ? `${min}` : `${min}–${max}`;
}

/** Index (0 … k) of the tier holding `count` events: the number of thresholds ≤ count. */
export function tierIndex(count: number, thresholds: ReadonlyArray<number>): number {
  validateThresholds(thresholds);
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`Event count must be a non-negative integer, got ${String(count)}`);
  }
  let index = 0;
  while (index < thresholds.length && thresholds[index] <= count) {
    index += 1;
  }
  return index;
}
