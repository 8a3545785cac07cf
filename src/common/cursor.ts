import { AppError } from './app-error';

/**
 * Opaque keyset cursors: base64url of a tagged JSON array, so a cursor from one list is
 * rejected by another instead of silently returning the wrong page.
 */
export function encodeCursor(tag: string, values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify([tag, ...values])).toString('base64url');
}

export function decodeCursor(tag: string, cursor: string, argument = 'after'): string[] {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded[0] === tag) {
      return decoded.slice(1).map((value) => String(value));
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
