import { readFileSync, readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { UsageError } from '../../tools/harness/cleanup';

/**
 * `--name` as a number from `min` to `max` (`_` allowed as a digit separator: 1_000_000); a
 * UsageError naming the flag otherwise.
 */
export function numberFlag(
  values: Record<string, unknown>,
  name: string,
  min: number,
  max: number,
  integer: boolean,
): number {
  const value = Number(String(values[name]).replace(/_/g, ''));
  if (
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    throw new UsageError(
      `--${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`,
    );
  }
  return value;
}

/** Nearest-rank percentile of `values` (any order); NaN when there are none. */
export function percentile(values: ArrayLike<number>, fraction: number): number {
  if (values.length === 0) return NaN;
  const sorted = Array.from(values).sort((a, b) => a - b);
  const rank = Math.ceil(fraction * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

/** `1,234.5` with `digits` decimals; `n/a` for a figure that could not be had (NaN, ∞). */
export function format(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

export const elapsedMs = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;

/** Other benchmark processes on the machine (they compete for the 2 cores); `own`: __filename. */
export function otherBenchmarks(own: string): string[] {
  const self = basename(own).replace(/\.js$/, '.ts');
  const found = new Set<string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      const match = /bench\/([\w.-]+\.bench\.ts)/.exec(command);
      if (match && match[1] !== self) found.add(match[1]);
    } catch {
      // gone meanwhile
    }
  }
  return [...found].sort();
}
