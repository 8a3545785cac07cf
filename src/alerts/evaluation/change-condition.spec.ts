import { changeWindowsAt, judgeChange, nextState, type ChangeRule } from './change-condition';

const counts = (promoters: number, passives: number, detractors: number) => ({
  promoters,
  passives,
  detractors,
});

const drop: ChangeRule = {
  kind: 'NPS_DROP',
  windowDays: 7,
  baselineDays: 28,
  minResponses: 30,
  minChangePoints: 5,
  confidence: 0.95,
};

describe('changeWindowsAt', () => {
  it('puts the current window just before T and the baseline just before that', () => {
    const at = new Date('2026-11-30T12:00:00Z');
    expect(changeWindowsAt(drop, at)).toEqual({
      current: { from: new Date('2026-11-23T12:00:00Z'), to: at },
      baseline: {
        from: new Date('2026-10-26T12:00:00Z'),
        to: new Date('2026-11-23T12:00:00Z'),
      },
    });
  });
});

describe('judgeChange', () => {
  it('fires on a large drop whose interval lies below 0', () => {
    // Current 10 P / 10 A / 30 D: NPS −40; baseline 60 / 20 / 20: NPS 40; Δ = −80.
    // Adjusted: current p = 10.75/53, d = 30.75/53 → centre −37.7358, se 10.9942;
    // baseline p = 60.75/103, d = 20.75/103 → centre 38.8350, se 7.8854.
    // Δ interval = (−37.7358 − 38.8350) ± 1.96·√(10.9942² + 7.8854²) = −76.5708 ± 26.5181
    //            = [−103.0889, −50.0527]: the upper end is below 0.
    const verdict = judgeChange(drop, counts(10, 10, 30), counts(60, 20, 20));
    expect(verdict.holds).toBe(true);
    expect(verdict.change.difference).toBeCloseTo(-80, 9);
    expect(verdict.change.ciLow).toBeCloseTo(-103.08888, 4);
    expect(verdict.change.ciHigh).toBeCloseTo(-50.05273, 4);
    expect(verdict.current.nps).toBeCloseTo(-40, 9);
    expect(verdict.baseline.nps).toBeCloseTo(40, 9);
  });

  it('does not fire on the same kind of drop at small n (noise)', () => {
    // 4 / 2 / 4 (NPS 0) vs 5 / 3 / 2 (NPS 30), n = 10 each: Δ = −30 but below minResponses,
    // and the interval [−85.80, 39.65] holds 0 anyway.
    const small = judgeChange(drop, counts(4, 2, 4), counts(5, 3, 2));
    expect(small.holds).toBe(false);
    expect(small.change.ciHigh).toBeCloseTo(39.64687, 4);
    expect(judgeChange({ ...drop, minResponses: 1 }, counts(4, 2, 4), counts(5, 3, 2)).holds).toBe(
      false,
    );
  });

  it('uses the rule confidence: significant at 95 % but not at 99 %', () => {
    // 36 / 30 / 34 (NPS 2) vs 50 / 30 / 20 (NPS 30): Δ = −28. Centre −27.1845, combined se 11.2480.
    // 95 %: upper end −27.1845 + 1.96·11.2480 = −5.1383 < 0 → fires.
    // 99 % (z 2.575829): upper end −27.1845 + 2.575829·11.2480 = 1.7886 ≥ 0 → does not.
    expect(judgeChange(drop, counts(36, 30, 34), counts(50, 30, 20)).change.ciHigh).toBeCloseTo(
      -5.13831,
      4,
    );
    expect(judgeChange(drop, counts(36, 30, 34), counts(50, 30, 20)).holds).toBe(true);
    const strict = judgeChange(
      { ...drop, confidence: 0.99 },
      counts(36, 30, 34),
      counts(50, 30, 20),
    );
    expect(strict.change.ciHigh).toBeCloseTo(1.78856, 4);
    expect(strict.holds).toBe(false);
  });

  it('needs the drop to reach minChangePoints even when significant', () => {
    // Δ = −28 here; asking for 30 points refuses it.
    expect(
      judgeChange({ ...drop, minChangePoints: 30 }, counts(36, 30, 34), counts(50, 30, 20)).holds,
    ).toBe(false);
  });

  it('NPS_RISE is the mirror image', () => {
    const rise: ChangeRule = { ...drop, kind: 'NPS_RISE' };
    expect(judgeChange(rise, counts(60, 20, 20), counts(10, 10, 30)).holds).toBe(true);
    expect(judgeChange(rise, counts(10, 10, 30), counts(60, 20, 20)).holds).toBe(false);
  });

  it('never holds with an empty window', () => {
    expect(
      judgeChange({ ...drop, minResponses: 0 }, counts(0, 0, 0), counts(60, 20, 20)).holds,
    ).toBe(false);
  });
});

describe('nextState', () => {
  it('fires once when the condition starts to hold, stays quiet, and re-arms', () => {
    const holds = [false, true, true, false, true];
    let state: 'ARMED' | 'FIRING' = 'ARMED';
    const fired = holds.map((value) => {
      const next = nextState(state, value);
      state = next.state;
      return next.fire;
    });
    expect(fired).toEqual([false, true, false, false, true]);
    expect(state).toBe('FIRING');
  });
});
