import { AppError } from '../../common/app-error';

/** A search text as the queries take it: trimmed, at most 200 characters, null when blank. */
export function cleanSearch(search: string | null | undefined): string | null {
  const trimmed = search?.trim();
  return trimmed ? trimmed.slice(0, 200) : null;
}

/** A whole number of days from 1 to 365 (`fallback` when not given); BAD_USER_INPUT otherwise. */
export function checkDays(
  value: number | null | undefined,
  fallback: number,
  argument: string,
): number {
  const days = value ?? fallback;
  if (!Number.isInteger(days) || days < 1 || days > 365) {
    throw AppError.badInput(`${argument} must be a whole number of days from 1 to 365.`, argument);
  }
  return days;
}

/**
 * A half-open range [from, to) of real dates in the years 1000–9999; BAD_USER_INPUT otherwise,
 * naming the argument (`names` when the range has other argument names, e.g. previousFrom).
 */
export function checkRange(
  from: Date,
  to: Date,
  names: readonly [string, string] = ['from', 'to'],
): void {
  for (const [name, date] of [
    [names[0], from],
    [names[1], to],
  ] as const) {
    if (Number.isNaN(date.getTime())) throw AppError.badInput(`${name} must be a date.`, name);
    const year = date.getUTCFullYear();
    if (year < 1000 || year > 9999)
      throw AppError.badInput(`${name} must lie between the years 1000 and 9999.`, name);
  }
  if (from.getTime() >= to.getTime())
    throw AppError.badInput(
      `${names[0]} must be before ${names[1]} (ranges are [${names[0]}, ${names[1]})).`,
      names[0],
    );
}
