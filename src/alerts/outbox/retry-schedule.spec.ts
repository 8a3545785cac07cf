import { retryAfterSeconds, retryDelayMs, verdictOfStatus } from './retry-schedule';

const policy = { baseSeconds: 30, maxAttempts: 8 };

describe('verdictOfStatus', () => {
  it.each([
    [200, 'delivered'],
    [204, 'delivered'],
    [408, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
    [400, 'stop'],
    [401, 'stop'],
    [404, 'stop'],
    [410, 'stop'],
    [301, 'stop'],
  ])('%i → %s', (status, verdict) => expect(verdictOfStatus(status)).toBe(verdict));
});

describe('retryDelayMs', () => {
  it('doubles from the base, adding at most ±20 % jitter', () => {
    // Attempt 1 failed: 30 s · 2⁰ = 30 000 ms; jitter factor 0.8 + 0.4·r.
    expect(retryDelayMs(1, policy, null, () => 0.5)).toBe(30_000);
    expect(retryDelayMs(1, policy, null, () => 0)).toBe(24_000);
    expect(retryDelayMs(1, policy, null, () => 0.999999)).toBe(36_000);
    // Attempt 3 failed: 30 · 2² = 120 s.
    expect(retryDelayMs(3, policy, null, () => 0.5)).toBe(120_000);
  });

  it('spreads 8 attempts over about an hour by default', () => {
    // Waits after attempts 1–7 at r = 0.5: 30 + 60 + 120 + 240 + 480 + 960 + 1920 = 3810 s.
    let total = 0;
    for (let attempt = 1; attempt < 8; attempt++)
      total += retryDelayMs(attempt, policy, null, () => 0.5)!;
    expect(total).toBe(3_810_000);
    expect(retryDelayMs(8, policy, null)).toBeNull();
  });

  it('waits what Retry-After asks instead', () => {
    expect(retryDelayMs(1, policy, 7)).toBe(7000);
    expect(retryDelayMs(8, policy, 7)).toBeNull();
  });
});

describe('retryAfterSeconds', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  it('reads seconds and HTTP dates, capped at an hour', () => {
    expect(retryAfterSeconds('12', now)).toBe(12);
    expect(retryAfterSeconds('Tue, 01 Dec 2026 10:00:30 GMT', now)).toBe(30);
    expect(retryAfterSeconds('Tue, 01 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterSeconds('99999', now)).toBe(3600);
    expect(retryAfterSeconds('soon', now)).toBeNull();
    expect(retryAfterSeconds(undefined, now)).toBeNull();
  });
});
