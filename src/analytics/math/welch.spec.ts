import { meanSample, studentTQuantile, welchDifference } from './welch';

/*
 * Hand computations (t quantiles checked against a printed t table and scipy.stats.t.ppf):
 * t(0.975, 4) = 2.776445105; t(0.975, ∞) → 1.959964.
 */
describe('studentTQuantile', () => {
  it('gives the tabulated 97.5 % quantile on 4 degrees of freedom', () => {
    expect(studentTQuantile(0.05, 4)).toBeCloseTo(2.776445105, 7);
  });

  it('approaches the normal 1.959964 on very many degrees of freedom', () => {
    expect(studentTQuantile(0.05, 1e7)).toBeCloseTo(1.959964, 5);
  });
});

describe('welchDifference', () => {
  it('matches the hand computation for two groups of 3 with equal variances', () => {
    // A = 1, 2, 3 (mean 2, s² = 1); B = 2, 3, 4 (mean 3, s² = 1).
    // se² = 1/3 + 1/3 = 2/3, se = 0.8164966; ν = (2/3)² / ((1/3)²/2 + (1/3)²/2) = 4.
    // Δ = −1, margin = 2.776445 × 0.8164966 = 2.266955 → [−3.266955, 1.266955].
    const result = welchDifference(meanSample(3, 6, 1 + 4 + 9), meanSample(3, 9, 4 + 9 + 16));
    expect(result.difference).toBeCloseTo(-1, 12);
    expect(result.degreesOfFreedom).toBeCloseTo(4, 10);
    expect(result.ciLow).toBeCloseTo(-3.266955, 5);
    expect(result.ciHigh).toBeCloseTo(1.266955, 5);
  });

  it('matches the hand computation for unequal groups and variances', () => {
    // A = 0, 0, 1, 5, 9: mean 3, s² = (0+0+1+25+81 − 5·9)/4 = 62/4 = 15.5.
    // B = 0, 1, 1, 2: mean 1, s² = (0+1+1+4 − 4·1)/3 = 2/3.
    // s₁²/n₁ = 3.1, s₂²/n₂ = 1/6; se = √3.2666667 = 1.8073922.
    // ν = 3.2666667² / (3.1²/4 + (1/6)²/3) = 10.671111 / (2.4025 + 0.0092593) = 4.4246170.
    // t(0.975, 4.4246) = 2.6744555 → 2 ± 4.8337901 = [−2.8337901, 6.8337901].
    const result = welchDifference(meanSample(5, 15, 107), meanSample(4, 4, 6));
    expect(result.difference).toBeCloseTo(2, 12);
    expect(result.degreesOfFreedom).toBeCloseTo(4.424617, 5);
    expect(result.ciLow).toBeCloseTo(-2.8337901, 5);
    expect(result.ciHigh).toBeCloseTo(6.8337901, 5);
  });

  it('has no interval when a group is empty, has one observation or nothing varies', () => {
    expect(welchDifference(meanSample(0, 0, 0), meanSample(3, 3, 3)).difference).toBeNull();
    expect(welchDifference(meanSample(1, 2, 4), meanSample(3, 3, 3))).toMatchObject({
      difference: 1,
      ciLow: null,
    });
    expect(welchDifference(meanSample(2, 2, 2), meanSample(2, 0, 0)).ciLow).toBeNull();
  });
});
