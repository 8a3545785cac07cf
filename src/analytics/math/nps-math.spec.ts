import fc from 'fast-check';

import { npsCategory, npsDifference, npsFromCounts, zForConfidence } from './nps-math';

/*
 * Every expected value below is worked out by hand from docs/nps-method.md. The variance is computed
 * by a different (equivalent) route than the implementation: for a response valued +1 / 0 / −1,
 * Var = p + d − (p − d)², which equals p(1 − p) + d(1 − d) + 2pd.
 * Decimal expansions were checked with mpmath at 30 digits.
 */

describe('npsCategory', () => {
  it('returns DETRACTOR for every score from 0 to 6', () => {
    for (const score of [0, 1, 2, 3, 4, 5, 6]) {
      expect(npsCategory(score)).toBe('DETRACTOR');
    }
  });

  it('returns PASSIVE for 7 and 8', () => {
    expect(npsCategory(7)).toBe('PASSIVE');
    expect(npsCategory(8)).toBe('PASSIVE');
  });

  it('returns PROMOTER for 9 and 10', () => {
    expect(npsCategory(9)).toBe('PROMOTER');
    expect(npsCategory(10)).toBe('PROMOTER');
  });

  it('throws when the score is not an integer or lies outside 0–10', () => {
    for (const score of [-1, 11, 8.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => npsCategory(score)).toThrow(RangeError);
    }
    expect(() => npsCategory(6.5)).toThrow(/integer from 0 to 10, got 6.5/);
  });
});

describe('npsFromCounts', () => {
  it('returns null figures when there are no responses', () => {
    expect(npsFromCounts({ promoters: 0, passives: 0, detractors: 0, scoreSum: 0 })).toEqual({
      responses: 0,
      promoters: 0,
      passives: 0,
      detractors: 0,
      nps: null,
      averageScore: null,
      ciLow: null,
      ciHigh: null,
      marginOfError: null,
      standardError: null,
    });
  });

  it('returns exact figures when there is one promoter', () => {
    // n = 1, n + 3 = 4: p = 1.75/4 = 0.4375, d = 0.75/4 = 0.1875, centre = 100·0.25 = 25.
    // Var = 0.4375 + 0.1875 − 0.25² = 0.5625; se = 100·√(0.5625/4) = 100·0.375 = 37.5.
    // MoE = 1.96·37.5 = 73.5 → [25 − 73.5, 25 + 73.5] = [−48.5, 98.5] (no clipping needed).
    const figures = npsFromCounts({ promoters: 1, passives: 0, detractors: 0, scoreSum: 10 });
    expect(figures.responses).toBe(1);
    expect(figures.nps).toBeCloseTo(100, 10);
    expect(figures.averageScore).toBeCloseTo(10, 10);
    expect(figures.standardError).toBeCloseTo(37.5, 10);
    expect(figures.marginOfError).toBeCloseTo(73.5, 10);
    expect(figures.ciLow).toBeCloseTo(-48.5, 10);
    expect(figures.ciHigh).toBeCloseTo(98.5, 10);
  });

  it('returns the mirror image when there is one detractor', () => {
    // Same as one promoter with p and d swapped: centre = −25, se = 37.5 → [−98.5, 48.5].
    const figures = npsFromCounts({ promoters: 0, passives: 0, detractors: 1, scoreSum: 3 });
    expect(figures.nps).toBeCloseTo(-100, 10);
    expect(figures.averageScore).toBeCloseTo(3, 10);
    expect(figures.ciLow).toBeCloseTo(-98.5, 10);
    expect(figures.ciHigh).toBeCloseTo(48.5, 10);
  });

  it('returns nps 0 with a non-degenerate interval when every response is passive', () => {
    // n = 10, n + 3 = 13: p = d = 0.75/13, centre = 0. Var = 2·0.75/13 − 0 = 1.5/13.
    // se = 100·√(1.5/13/13) = 100·√1.5/13 = 100·1.224744871391589/13 = 9.421114395319916.
    // MoE = 1.96·9.421114395319916 = 18.465384214827034.
    const figures = npsFromCounts({ promoters: 0, passives: 10, detractors: 0, scoreSum: 75 });
    expect(figures.nps).toBe(0);
    expect(figures.averageScore).toBeCloseTo(7.5, 10);
    expect(figures.standardError).toBeCloseTo(9.421114395319917, 9);
    expect(figures.marginOfError).toBeCloseTo(18.465384214827033, 9);
    expect(figures.ciLow).toBeCloseTo(-18.465384214827033, 9);
    expect(figures.ciHigh).toBeCloseTo(18.465384214827033, 9);
  });

  it('clips ciHigh to 100 when every response is a promoter', () => {
    // n = 20, n + 3 = 23: p = 20.75/23, d = 0.75/23, centre = 100·20/23 = 86.95652173913044.
    // Var = 21.5/23 − (20/23)² = (21.5·23 − 400)/529 = 94.5/529 = 0.17863894139886578.
    // se = 100·√(0.17863894139886578/23) = 8.813007713376212; MoE = 17.273495118217375.
    // ciLow = 86.95652173913044 − 17.27349511821737 = 69.68302662091306;
    // ciHigh = 104.23001685734781 → clipped to 100.
    const figures = npsFromCounts({ promoters: 20, passives: 0, detractors: 0 });
    expect(figures.nps).toBe(100);
    expect(figures.averageScore).toBeNull();
    expect(figures.standardError).toBeCloseTo(8.813007713376212, 9);
    expect(figures.marginOfError).toBeCloseTo(17.27349511821737, 9);
    expect(figures.ciLow).toBeCloseTo(69.68302662091305, 9);
    expect(figures.ciHigh).toBe(100);
  });

  it('clips ciLow to −100 when every response is a detractor', () => {
    // Mirror of the all-promoter case: ciLow = −104.23… → −100, ciHigh = −69.68302662091306.
    const figures = npsFromCounts({ promoters: 0, passives: 0, detractors: 20 });
    expect(figures.nps).toBe(-100);
    expect(figures.ciLow).toBe(-100);
    expect(figures.ciHigh).toBeCloseTo(-69.68302662091305, 9);
  });

  it('centres the interval on the adjusted centre, not on nps, for a typical mix', () => {
    // P = 50, A = 30, D = 20, n = 100: nps = 100·30/100 = 30.
    // n + 3 = 103: p = 50.75/103, d = 20.75/103, centre = 100·30/103 = 29.12621359223301.
    // Var = 71.5/103 − (30/103)² = (7364.5 − 900)/10609 = 6464.5/10609 = 0.6093411254595155.
    // se = 100·√(0.6093411254595155/103) = 7.691510421814756; MoE = 15.075360426756921.
    // [29.12621359223301 ∓ 15.075360426756921] = [14.050853165476089, 44.20157401898993].
    // scoreSum: 50·9.5 + 30·7.5 + 20·4 = 475 + 225 + 80 = 780 → average 7.8.
    const figures = npsFromCounts({ promoters: 50, passives: 30, detractors: 20, scoreSum: 780 });
    expect(figures.responses).toBe(100);
    expect(figures.nps).toBeCloseTo(30, 10);
    expect(figures.averageScore).toBeCloseTo(7.8, 10);
    expect(figures.standardError).toBeCloseTo(7.691510421814756, 9);
    expect(figures.marginOfError).toBeCloseTo(15.075360426756921, 9);
    expect(figures.ciLow).toBeCloseTo(14.05085316547609, 9);
    expect(figures.ciHigh).toBeCloseTo(44.20157401898993, 9);
    expect(((figures.ciLow ?? 0) + (figures.ciHigh ?? 0)) / 2).not.toBeCloseTo(30, 1);
  });

  it('returns exact figures for a small mixed set', () => {
    // P = 2, A = 1, D = 1, n = 4: nps = 100·1/4 = 25.
    // n + 3 = 7: p = 2.75/7, d = 1.75/7, centre = 100/7 = 14.285714285714286.
    // Var = 4.5/7 − (1/7)² = (31.5 − 1)/49 = 30.5/49 = 0.6224489795918368.
    // se = 100·√(0.6224489795918368/7) = 29.819671828984607; MoE = 58.44655678480983.
    // [14.285714285714286 ∓ 58.4465567848098] = [−44.16084249909554, 72.73227107052412].
    const figures = npsFromCounts({
      promoters: 2,
      passives: 1,
      detractors: 1,
      scoreSum: 9 + 10 + 7 + 2,
    });
    expect(figures.nps).toBeCloseTo(25, 10);
    expect(figures.averageScore).toBeCloseTo(7, 10);
    expect(figures.standardError).toBeCloseTo(29.819671828984607, 9);
    expect(figures.ciLow).toBeCloseTo(-44.16084249909554, 9);
    expect(figures.ciHigh).toBeCloseTo(72.73227107052412, 9);
  });

  it('returns a null average when no score sum is given', () => {
    expect(npsFromCounts({ promoters: 3, passives: 4, detractors: 5 }).averageScore).toBeNull();
  });

  it('throws when a count is negative or not an integer', () => {
    expect(() => npsFromCounts({ promoters: -1, passives: 0, detractors: 0 })).toThrow(
      /promoters must be a non-negative integer/,
    );
    expect(() => npsFromCounts({ promoters: 0, passives: 1.5, detractors: 0 })).toThrow(
      /passives must be a non-negative integer/,
    );
    expect(() => npsFromCounts({ promoters: 0, passives: 0, detractors: Number.NaN })).toThrow(
      /detractors must be a non-negative integer/,
    );
  });

  it('throws when the score sum cannot come from the counted responses', () => {
    // One promoter scored 9 or 10, so a sum of 8 or 11 is impossible.
    expect(() => npsFromCounts({ promoters: 1, passives: 0, detractors: 0, scoreSum: 8 })).toThrow(
      /scoreSum 8 is impossible .* \[9, 10\]/,
    );
    expect(() => npsFromCounts({ promoters: 1, passives: 0, detractors: 0, scoreSum: 11 })).toThrow(
      RangeError,
    );
    expect(() => npsFromCounts({ promoters: 0, passives: 0, detractors: 0, scoreSum: 5 })).toThrow(
      RangeError,
    );
  });

  it('keeps every interval inside [−100, 100] around the adjusted centre for any counts', () => {
    fc.assert(
      fc.property(fc.nat(500), fc.nat(500), fc.nat(500), (promoters, passives, detractors) => {
        fc.pre(promoters + passives + detractors > 0);
        const f = npsFromCounts({ promoters, passives, detractors });
        const n = promoters + passives + detractors;
        const centre = (100 * (promoters - detractors)) / (n + 3);
        expect(f.nps).toBeCloseTo((100 * (promoters - detractors)) / n, 9);
        expect(f.ciLow).toBeGreaterThanOrEqual(-100);
        expect(f.ciHigh).toBeLessThanOrEqual(100);
        expect(f.ciLow).toBeLessThan(centre);
        expect(f.ciHigh).toBeGreaterThan(centre);
        expect(f.marginOfError).toBeCloseTo(1.96 * (f.standardError ?? Number.NaN), 9);
      }),
    );
  });

  it('negates nps and mirrors the interval when promoters and detractors swap', () => {
    fc.assert(
      fc.property(fc.nat(200), fc.nat(200), fc.nat(200), (promoters, passives, detractors) => {
        fc.pre(promoters + passives + detractors > 0);
        const a = npsFromCounts({ promoters, passives, detractors });
        const b = npsFromCounts({ promoters: detractors, passives, detractors: promoters });
        expect(b.nps).toBeCloseTo(-(a.nps ?? Number.NaN), 9);
        expect(b.ciLow).toBeCloseTo(-(a.ciHigh ?? Number.NaN), 9);
        expect(b.ciHigh).toBeCloseTo(-(a.ciLow ?? Number.NaN), 9);
      }),
    );
  });
});

describe('npsDifference', () => {
  it('returns nulls when either side has no responses', () => {
    const empty = { promoters: 0, passives: 0, detractors: 0 };
    const some = { promoters: 3, passives: 1, detractors: 2 };
    const nothing = { difference: null, ciLow: null, ciHigh: null, significant: null };
    expect(npsDifference(empty, some)).toEqual(nothing);
    expect(npsDifference(some, empty)).toEqual(nothing);
    expect(npsDifference(empty, empty)).toEqual(nothing);
  });

  it('returns a significant difference when the interval lies above 0', () => {
    // Set 1: P=50, A=30, D=20 → nps 30, centre 29.12621359223301, se 7.691510421814756.
    // Set 2: P=20, A=30, D=50 → nps −30, centre −29.12621359223301, same se.
    // Δ = 30 − (−30) = 60; centre Δ = 58.25242718446602;
    // margin = 1.96·√2·7.691510421814756 = 21.319779173182288;
    // interval = [36.93264801128373, 79.57220635764831].
    const result = npsDifference(
      { promoters: 50, passives: 30, detractors: 20 },
      { promoters: 20, passives: 30, detractors: 50 },
    );
    expect(result.difference).toBeCloseTo(60, 10);
    expect(result.ciLow).toBeCloseTo(36.93264801128373, 9);
    expect(result.ciHigh).toBeCloseTo(79.57220635764831, 9);
    expect(result.significant).toBe(true);
  });

  it('returns a significant difference when the interval lies below 0', () => {
    const result = npsDifference(
      { promoters: 20, passives: 30, detractors: 50 },
      { promoters: 50, passives: 30, detractors: 20 },
    );
    expect(result.difference).toBeCloseTo(-60, 10);
    expect(result.ciLow).toBeCloseTo(-79.57220635764831, 9);
    expect(result.ciHigh).toBeCloseTo(-36.93264801128373, 9);
    expect(result.significant).toBe(true);
  });

  it('returns not significant when the interval just includes 0', () => {
    // Set 1: P=3, A=4, D=5 (n=12): nps = −200/12 = −16.666666666666668; n+3 = 15,
    //   centre = 100·(−2)/15 = −13.333333333333334, Var = 9.5/15 − (2/15)² = 138.5/225,
    //   se = 100·√(138.5/225/15) = 20.257600311250352.
    // Set 2: P=50, A=30, D=20: nps 30, centre 29.12621359223301, se 7.691510421814756.
    // Δ = −46.666666666666667; centre Δ = −42.45954692556634;
    // margin = 1.96·√(20.257600311250352² + 7.691510421814756²) = 42.47052279889481;
    // interval = [−84.93006972446115, 0.0109758733284621]: contains 0 by a hair.
    const result = npsDifference(
      { promoters: 3, passives: 4, detractors: 5 },
      { promoters: 50, passives: 30, detractors: 20 },
    );
    expect(result.difference).toBeCloseTo(-46.666666666666664, 9);
    expect(result.ciLow).toBeCloseTo(-84.93006972446115, 9);
    expect(result.ciHigh).toBeCloseTo(0.0109758733284621, 9);
    expect(result.significant).toBe(false);
  });

  it('does not clip the interval to ±100 when one response is compared with one response', () => {
    // Promoter vs detractor: Δ = 100 − (−100) = 200; centre Δ = 25 − (−25) = 50;
    // margin = 1.96·√(37.5² + 37.5²) = 1.96·37.5·√2 = 103.94469683442249;
    // interval = [−53.94469683442249, 153.9446968344225]: wide, so not significant.
    const result = npsDifference(
      { promoters: 1, passives: 0, detractors: 0 },
      { promoters: 0, passives: 0, detractors: 1 },
    );
    expect(result.difference).toBeCloseTo(200, 10);
    expect(result.ciLow).toBeCloseTo(-53.94469683442249, 9);
    expect(result.ciHigh).toBeCloseTo(153.9446968344225, 9);
    expect(result.significant).toBe(false);
  });

  it('does not clip the interval even where it passes 200', () => {
    // 5 promoters: n+3 = 8, centre = 100·5/8 = 62.5, Var = 6.5/8 − (5/8)² = 27/64,
    //   se = 100·√(27/64/8) = 22.963966338592295.
    // 299 detractors: n+3 = 302, centre = −100·299/302 = −99.00662251655629,
    //   Var = 300.5/302 − (299/302)² = (300.5·302 − 89401)/91204 = 1350/91204,
    //   se = 100·√(1350/91204/302) = 0.7000941840421285.
    // centre Δ = 161.5066225165563; margin = 1.96·√(22.963966338592295² + 0.7000941840421285²)
    //   = 45.03028581497635 → ciHigh = 206.53690833153264.
    const result = npsDifference(
      { promoters: 5, passives: 0, detractors: 0 },
      { promoters: 0, passives: 0, detractors: 299 },
    );
    expect(result.difference).toBeCloseTo(200, 10);
    expect(result.ciLow).toBeCloseTo(116.47633670157994, 9);
    expect(result.ciHigh).toBeCloseTo(206.53690833153263, 9);
    expect(result.significant).toBe(true);
  });

  it('reverses sign and interval when the two sets swap', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.nat(100), fc.nat(100), fc.nat(100)),
        fc.tuple(fc.nat(100), fc.nat(100), fc.nat(100)),
        ([p1, a1, d1], [p2, a2, d2]) => {
          fc.pre(p1 + a1 + d1 > 0 && p2 + a2 + d2 > 0);
          const one = { promoters: p1, passives: a1, detractors: d1 };
          const two = { promoters: p2, passives: a2, detractors: d2 };
          const forward = npsDifference(one, two);
          const backward = npsDifference(two, one);
          expect(backward.difference).toBeCloseTo(-(forward.difference ?? Number.NaN), 9);
          expect(backward.ciLow).toBeCloseTo(-(forward.ciHigh ?? Number.NaN), 9);
          expect(backward.significant).toBe(forward.significant);
        },
      ),
    );
  });
});

describe('zForConfidence', () => {
  it('is the documented 1.96 at 95 % and the normal quantile elsewhere', () => {
    // Tables of the standard normal: z(0.90) = 1.644854, z(0.99) = 2.575829, z(0.80) = 1.281552.
    expect(zForConfidence(0.95)).toBe(1.96);
    expect(zForConfidence(0.9)).toBeCloseTo(1.644854, 5);
    expect(zForConfidence(0.99)).toBeCloseTo(2.575829, 5);
    expect(zForConfidence(0.8)).toBeCloseTo(1.281552, 5);
    expect(zForConfidence(0.999)).toBeCloseTo(3.290527, 5);
    expect(() => zForConfidence(1)).toThrow(RangeError);
    expect(() => zForConfidence(0.2)).toThrow(RangeError);
  });
});
