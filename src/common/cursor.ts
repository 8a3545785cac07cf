import { AppError } from './app-error';

/**
 * Opaque keyset cursors: base64url of a tagged JSON array, so a cursor from one list is
 * rejected by another instead of silently returning the wrong page.
 */
export function encodeCursor(tag: string, values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify([tag, ...values])).toString('base64url');
}

/**
 * What a cursor position holds: a bigint row id, a timestamp as encodeCursor wrote it, a finite
 * number (a rank), a decimal number as text (sort keys such as an NPS), or any text up to 2,000
 * characters.
 */
export type CursorPart = 'id' | 'time' | 'number' | 'decimal' | 'text';

const MAX_BIGINT = 9223372036854775807n;

function validPart(part: CursorPart, value: unknown): string | null {
  if (part === 'id') {
    const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
    return typeof text === 'string' && /^[1-9][0-9]{0,18}$/.test(text) && BigInt(text) <= MAX_BIGINT
      ? text
      : null;
  }
  if (part === 'number')
    return typeof value === 'number' && Number.isFinite(value) ? String(value) : null;
  if (typeof value !== 'string') return null;
  if (part === 'decimal') return /^-?[0-9]{1,40}(\.[0-9]{1,40})?$/.test(value) ? value : null;
  if (part === 'text') return value.length <= 2000 ? value : null;
  const time = new Date(value);
  // Cursors carry toISOString() output: anything else was not written by this service.
  return !Number.isNaN(time.getTime()) && time.toISOString() === value ? value : null;
}

/**
 * The values of a cursor of list `tag`, checked against `shape` (one part per value), so a
 * forged or corrupted cursor is refused naming `argument` instead of reaching SQL.
 */
export function decodeCursor(
  tag: string,
  cursor: string,
  shape: readonly CursorPart[],
  argument = 'after',
): string[] {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded[0] === tag && decoded.length === shape.length + 1) {
      const values = shape.map((part, index) => validPart(part, decoded[index + 1]));
      if (values.every((value) => value !== null)) return values as string[];
    }
  } catch {
    // fall through to the error below
  }
  throw AppError.badInput(
    `"${argument}" is not a cursor from this list; pass an endCursor or a cursor it returned.`,
    argument,
  );
}

/** Validates `first`, applying the default and the configured cap. */
export function pageSize(first: number | null | undefined, fallback: number, max: number): number {
  if (first === null || first === undefined) return Math.min(fallback, max);
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw AppError.badInput(`"first" must be a whole number from 1 to ${max}.`, 'first');
  }
  return first;
}
