import fc from 'fast-check';
import { type SegmentPeriodCounts, decomposeNpsChange } from './nps-change';

/** Counts from promoters, passives, detractors. */
const c = (promoters: number, passives: number, detractors: number) => ({
  promoters,
  passives,
  detractors,
});

describe('decomposeNpsChange', () => {
  it('splits a change whose mix and rate effects have opposite signs', () => {
    // Previous: H 20P 10A 10D (n 40, NPS 25), L 12P 18A 30D (n 60, NPS −30); all 32P 40D of 100 → −8.
    // Current:  H 27P 15A 18D (n 60, NPS 15), L 6P 14A 20D (n 40, NPS −35); all 33P 38D of 100 → −5.
    // Shares H 0.4 → 0.6, L 0.6 → 0.4.
    // rate H = ½(0.4 + 0.6)(15 − 25) = −5, rate L = ½(1.0)(−35 + 30) = −2.5 → rate −7.5.
    // mix H = ½(25 + 15)(0.2) = 4, mix L = ½(−30 − 35)(−0.2) = 6.5 → mix 10.5; −7.5 + 10.5 = 3 = −5 − (−8).
    // Promoters 32 % → 33 % (+1), detractors 40 % → 38 % (−2): 1 − (−2) = 3.
    const result = decomposeNpsChange([
      { key: 'H', previous: c(20, 10, 10), current: c(27, 15, 18) },
      { key: 'L', previous: c(12, 18, 30), current: c(6, 14, 20) },
    ]);
    expect(result.change).toBeCloseTo(3, 10);
    expect(result.rateEffect).toBeCloseTo(-7.5, 10);
    expect(result.mixEffect).toBeCloseTo(10.5, 10);
    expect(result.promoterShareChange).toBeCloseTo(1, 10);
    expect(result.detractorShareChange).toBeCloseTo(-2, 10);
    // |−2.5 + 6.5| = 4 before |−5 + 4| = 1.
    expect(result.segments.map((s) => s.key)).toEqual(['L', 'H']);
    const [low, high] = result.segments;
    expect(low.rateContribution).toBeCloseTo(-2.5, 10);
    expect(low.mixContribution).toBeCloseTo(6.5, 10);
    expect(high).toMatchObject({ previousShare: 0.4, currentShare: 0.6 });
    expect(high.previousNps).toBeCloseTo(25, 10);
    expect(high.currentNps).toBeCloseTo(15, 10);
    expect(high.change.difference).toBeCloseTo(-10, 10);
  });

  it('gives a segment empty in one period all of its effect as mix', () => {
    // Previous: A 5P 3A 2D (NPS 30), B 2P 2A 6D (−40), C none; 7P 8D of 20 → −5.
    // Current:  A 5P 3A 2D (30), B 1P 1A 3D (−40), C 5P (100); 11P 5D of 20 → 30. Change 35.
    // Shares A .5 → .5, B .5 → .25, C 0 → .25; C takes 100 as its previous rate.
    // A: rate 0, mix ½(60)(0) = 0. B: rate ½(.75)(0) = 0, mix ½(−80)(−.25) = 10.
    // C: rate ½(.25)(100 − 100) = 0, mix ½(200)(.25) = 25. Mix 35, rate 0.
    const result = decomposeNpsChange([
      { key: 'A', previous: c(5, 3, 2), current: c(5, 3, 2) },
      { key: 'B', previous: c(2, 2, 6), current: c(1, 1, 3) },
      { key: 'C', previous: c(0, 0, 0), current: c(5, 0, 0) },
    ]);
    expect(result.change).toBeCloseTo(35, 10);
    expect(result.rateEffect).toBeCloseTo(0, 10);
    expect(result.mixEffect).toBeCloseTo(35, 10);
    const newcomer = result.segments[0];
    expect(newcomer).toMatchObject({ key: 'C', previousShare: 0, previousNps: null });
    expect(newcomer.mixContribution).toBeCloseTo(25, 10);
    expect(newcomer.rateContribution).toBe(0);
    expect(newcomer.change.difference).toBeNull();
    expect(result.segments.map((s) => s.key)).toEqual(['C', 'B', 'A']);
  });

  it('has no change when a whole period is empty, but still lists the segments', () => {
    const result = decomposeNpsChange([{ key: 'A', previous: c(0, 0, 0), current: c(1, 0, 0) }]);
    expect(result).toMatchObject({ change: null, rateEffect: null, mixEffect: null });
    expect(result.segments).toHaveLength(1);
  });

  it('leaves out segments with no response in either period and refuses a key given twice', () => {
    const empty = { key: 'X', previous: c(0, 0, 0), current: c(0, 0, 0) };
    const a = { key: 'A', previous: c(1, 0, 0), current: c(0, 0, 1) };
    expect(decomposeNpsChange([a, empty]).segments.map((s) => s.key)).toEqual(['A']);
    expect(() => decomposeNpsChange([a, a])).toThrow(/given twice/);
  });

  // Reference: the responses written out one by one, NPS as the mean of +100/0/−100, and the
  // contributions from the definition with the empty-period rule.
  function reference(segments: SegmentPeriodCounts[]) {
    const values = (counts: { promoters: number; passives: number; detractors: number }) => [
      ...Array<number>(counts.promoters).fill(100),
      ...Array<number>(counts.passives).fill(0),
      ...Array<number>(counts.detractors).fill(-100),
    ];
    const mean = (list: number[]) =>
      list.length === 0 ? null : list.reduce((a, b) => a + b, 0) / list.length;
    const all0 = segments.flatMap((s) => values(s.previous));
    const all1 = segments.flatMap((s) => values(s.current));
    let rate = 0;
    let mix = 0;
    for (const s of segments) {
      const v0 = values(s.previous);
      const v1 = values(s.current);
      if (v0.length + v1.length === 0) continue;
      const r0 = mean(v0) ?? (mean(v1) as number);
      const r1 = mean(v1) ?? (mean(v0) as number);
      const w0 = v0.length / all0.length;
      const w1 = v1.length / all1.length;
      rate += ((w0 + w1) / 2) * (r1 - r0);
      mix += ((r0 + r1) / 2) * (w1 - w0);
    }
    return { change: (mean(all1) as number) - (mean(all0) as number), rate, mix };
  }

  it('agrees with the reference, and rate + mix equals the change', () => {
    const counts = fc.record({
      promoters: fc.nat(30),
      passives: fc.nat(30),
      detractors: fc.nat(30),
    });
    const segment = fc.record({ previous: counts, current: counts });
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), (list) => {
        const segments = list.map((s, index) => ({ key: `s${index}`, ...s }));
        const n0 = segments.reduce(
          (n, s) => n + s.previous.promoters + s.previous.passives + s.previous.detractors,
          0,
        );
        const n1 = segments.reduce(
          (n, s) => n + s.current.promoters + s.current.passives + s.current.detractors,
          0,
        );
        fc.pre(n0 > 0 && n1 > 0);
        const result = decomposeNpsChange(segments);
        const expected = reference(segments);
        expect(result.change).toBeCloseTo(expected.change, 8);
        expect(result.rateEffect).toBeCloseTo(expected.rate, 8);
        expect(result.mixEffect).toBeCloseTo(expected.mix, 8);
        expect((result.rateEffect as number) + (result.mixEffect as number)).toBeCloseTo(
          result.change as number,
          8,
        );
        expect(
          (result.promoterShareChange as number) - (result.detractorShareChange as number),
        ).toBeCloseTo(result.change as number, 8);
      }),
    );
  });
});
