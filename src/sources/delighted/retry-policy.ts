/** Exponential backoff with "equal jitter": half fixed, half random, capped. */
export function backoffDelayMs(
  attempt: number,
  baseMs: number,
  random: () => number = Math.random,
  capMs = 30_000,
): number {
  const exponential = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

/**
 * Seconds to wait from a Retry-After header (delta-seconds or HTTP date), capped; null when the
 * header is absent or unreadable.
 */
export function retryAfterSeconds(
  header: string | null,
  maxSeconds: number,
  now = Date.now(),
): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  let seconds: number;
  if (/^\d+(\.\d+)?$/.test(trimmed)) seconds = Number(trimmed);
  else {
    const date = Date.parse(trimmed);
    if (Number.isNaN(date)) return null;
    seconds = Math.max(0, (date - now) / 1000);
  }
  return Math.min(seconds, maxSeconds);
}
