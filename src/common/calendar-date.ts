/**
 * Checks on written dates before JavaScript's Date gets them: `new Date('2024-02-30')` is
 * silently 1 March, so impossible days are refused here; and instants are kept to the years
 * 1000–9999, the range analytics accepts and that PostgreSQL's timestamptz, Intl and ISO 8601
 * text all handle unambiguously.
 */

export const MIN_YEAR = 1000;
export const MAX_YEAR = 9999;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Why the date (and time of day, when written) at the start of `text` does not exist, or null.
 * Text not starting with YYYY-MM-DD is left to the caller's own format check.
 */
export function calendarProblem(text: string): string | null {
  const match = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?/i.exec(text);
  if (!match) return null;
  const [year, month, day] = [match[1], match[2], match[3]].map(Number);
  if (month < 1 || month > 12) return `"${match[0].trim()}" has no month ${month}`;
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) {
    return `${match[1]}-${match[2]}-${match[3]} does not exist (${MONTHS[month - 1]} ${year} has ${days} days)`;
  }
  if (match[4] !== undefined) {
    const [hour, minute, second] = [match[4], match[5], match[6] ?? '0'].map(Number);
    if (hour > 23 || minute > 59 || second > 59) {
      return `${match[0].trim()} is not a time of day (hours 0–23, minutes and seconds 0–59)`;
    }
  }
  return null;
}

/** Why the instant cannot be stored or analysed, or null. */
export function instantProblem(date: Date): string | null {
  if (Number.isNaN(date.getTime())) return 'is not a valid date';
  const year = date.getUTCFullYear();
  return year < MIN_YEAR || year > MAX_YEAR
    ? `must lie between the years ${MIN_YEAR} and ${MAX_YEAR} (got ${year})`
    : null;
}
