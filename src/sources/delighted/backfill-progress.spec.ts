import { backfillProgress } from './backfill-progress';

describe('backfillProgress', () => {
  const startedAt = new Date('2026-01-01T00:00:00Z');

  it('is 100 % with no ETA once completed', () => {
    expect(
      backfillProgress({
        responsesDone: 5,
        estimatedTotal: 10,
        startedAt,
        completedAt: new Date(),
      }),
    ).toEqual({
      percent: 100,
      eta: null,
    });
  });

  it('extrapolates the ETA from the rate so far', () => {
    // 250 of 1000 in 60 s → 750 more take 180 s.
    const now = new Date('2026-01-01T00:01:00Z');
    const progress = backfillProgress({
      responsesDone: 250,
      estimatedTotal: 1000,
      startedAt,
      completedAt: null,
      now,
    });
    expect(progress.percent).toBe(25);
    expect(progress.eta?.toISOString()).toBe('2026-01-01T00:04:00.000Z');
  });

  it('stays below 100 % while running even past the estimate', () => {
    const now = new Date('2026-01-01T00:01:00Z');
    expect(
      backfillProgress({
        responsesDone: 1200,
        estimatedTotal: 1000,
        startedAt,
        completedAt: null,
        now,
      }).percent,
    ).toBe(99);
  });

  it('is 0 % without an estimate', () => {
    expect(
      backfillProgress({ responsesDone: 10, estimatedTotal: null, startedAt, completedAt: null }),
    ).toEqual({ percent: 0, eta: null });
  });
});
