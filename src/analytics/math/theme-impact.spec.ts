import { themeImpact } from './theme-impact';

describe('themeImpact', () => {
  it('matches the hand computation of a theme mentioned by detractors', () => {
    // All: 10 promoters, 4 passives, 6 detractors (n = 20): NPS = 100·(10 − 6)/20 = 20.
    // With the theme: 1 promoter, 0 passives, 4 detractors (n = 5): NPS = 100·(1 − 4)/5 = −60.
    // Without: 9, 4, 2 (n = 15): NPS = 100·7/15 = 46.666…; impact = 20 − 46.666… = −26.666….
    // Difference −60 − 46.667 = −106.667; adjusted Wald: with p = 1.75/8 = 0.21875,
    // d = 4.75/8 = 0.59375, centre −37.5, Var = 0.8125 − 0.140625 = 0.671875, se = 100·√(0.671875/8)
    // = 28.98; without p = 9.75/18 = 0.541667, d = 2.75/18 = 0.152778, centre 38.8889,
    // Var = 0.694444 − 0.151235 = 0.543210, se = 100·√(0.543210/18) = 17.372;
    // margin = 1.96·√(28.98² + 17.372²) = 1.96·33.789 = 66.226 → [−142.615, −10.163].
    const figures = themeImpact(
      { promoters: 10, passives: 4, detractors: 6 },
      { promoters: 1, passives: 0, detractors: 4 },
      12,
    );
    expect(figures.mentions).toBe(5);
    expect(figures.shareOfComments).toBeCloseTo(5 / 12, 12);
    expect(figures.npsWith).toBeCloseTo(-60, 10);
    expect(figures.npsWithout).toBeCloseTo(46.6666667, 6);
    expect(figures.impact).toBeCloseTo(-26.6666667, 6);
    expect(figures.difference.difference).toBeCloseTo(-106.6666667, 6);
    expect(figures.difference.ciLow).toBeCloseTo(-142.615, 2);
    expect(figures.difference.ciHigh).toBeCloseTo(-10.163, 2);
  });

  it('has a null impact and share when every response mentions it or none has a comment', () => {
    const all = { promoters: 2, passives: 0, detractors: 0 };
    expect(themeImpact(all, all, 2)).toMatchObject({ npsWithout: null, impact: null });
    expect(themeImpact(all, { promoters: 0, passives: 0, detractors: 0 }, 0)).toMatchObject({
      mentions: 0,
      shareOfComments: null,
      npsWith: null,
      impact: 0,
    });
  });
});
