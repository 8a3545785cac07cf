/**
 * When a failed delivery is tried again, as pure functions. Attempt k (1-based) that fails waits
 * base·2^(k−1) seconds, ±20 % jitter, before attempt k + 1; with the defaults (30 s, 8 attempts)
 * the seven waits are 30 s … 32 min, about an hour in all. A receiver's Retry-After replaces the
 * back-off (at most an hour).
 */

export interface RetryPolicy {
  baseSeconds: number;
  maxAttempts: number;
}

/** What one attempt showed: sent, worth another try, or pointless to repeat. */
export type AttemptVerdict = 'delivered' | 'retry' | 'stop';

const MAX_RETRY_AFTER_SECONDS = 3600;

/** 2xx delivered; 408, 429 and 5xx retry; any other status stops (a 4xx will not change). */
export function verdictOfStatus(status: number): AttemptVerdict {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'stop';
}

/** Retry-After as seconds (delta-seconds or an HTTP date), null when absent or unreadable. */
export function retryAfterSeconds(header: string | null | undefined, now: Date): number | null {
  if (header === null || header === undefined || header.trim() === '') return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Math.min(Number(value), MAX_RETRY_AFTER_SECONDS);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.min(Math.max(0, Math.ceil((date - now.getTime()) / 1000)), MAX_RETRY_AFTER_SECONDS);
}

/**
 * Milliseconds to wait after failed attempt number `attempts` (1 for the first), or null when
 * that was the last one allowed. `random` in [0, 1) draws the jitter.
 */
export function retryDelayMs(
  attempts: number,
  policy: RetryPolicy,
  retryAfter: number | null,
  random: () => number = Math.random,
): number | null {
  if (attempts >= policy.maxAttempts) return null;
  if (retryAfter !== null) return retryAfter * 1000;
  const backoff = policy.baseSeconds * 1000 * 2 ** (attempts - 1);
  return Math.round(backoff * (0.8 + 0.4 * random()));
}
