import { backoffDelayMs, retryAfterSeconds } from './retry-policy';

describe('backoffDelayMs', () => {
  it('doubles each attempt, between half and all of the exponential step', () => {
    // attempt 0: 100 ms step → [50, 100]; attempt 3: 800 ms step → [400, 800]
    expect(backoffDelayMs(0, 100, () => 0)).toBe(50);
    expect(backoffDelayMs(0, 100, () => 1)).toBe(100);
    expect(backoffDelayMs(3, 100, () => 0)).toBe(400);
    expect(backoffDelayMs(3, 100, () => 0.5)).toBe(600);
  });

  it('never exceeds the cap', () => {
    expect(backoffDelayMs(30, 500, () => 1, 30_000)).toBe(30_000);
  });
});

describe('retryAfterSeconds', () => {
  it('reads delta-seconds and HTTP dates, capped', () => {
    expect(retryAfterSeconds('3', 300)).toBe(3);
    expect(retryAfterSeconds('1000', 300)).toBe(300);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterSeconds('Thu, 01 Jan 2026 00:00:10 GMT', 300, now)).toBe(10);
  });

  it('is null without a usable header', () => {
    expect(retryAfterSeconds(null, 300)).toBeNull();
    expect(retryAfterSeconds('soon', 300)).toBeNull();
  });
});
