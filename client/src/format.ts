/**
 * Display formatting only: every figure comes from the service; these functions turn numbers and
 * instants into text. Pure (no DOM), so the browser tests use them to compare the page with the
 * GraphQL answers.
 */

const MINUS = '\u2212';

function signed(value: number, digits: number): string {
  const text = Math.abs(value).toFixed(digits);
  if (Number(text) === 0) return (0).toFixed(digits);
  return `${value < 0 ? MINUS : '+'}${text}`;
}

function plain(value: number, digits: number): string {
  const text = Math.abs(value).toFixed(digits);
  if (Number(text) === 0) return (0).toFixed(digits);
  return `${value < 0 ? MINUS : ''}${text}`;
}

/** NPS with sign and one decimal ("+33.3", "−20.0"); an em dash when there is none. */
export function formatNps(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : signed(value, 1);
}

/** A difference in NPS points, always signed. */
export function formatPoints(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : signed(value, 1);
}

/** "−12.4 to +45.1". */
export function formatInterval(low: number | null | undefined, high: number | null | undefined) {
  if (low === null || low === undefined || high === null || high === undefined) return '—';
  return `${signed(low, 1)} to ${signed(high, 1)}`;
}

/** "± 28.7". */
export function formatMargin(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `± ${Math.abs(value).toFixed(1)}`;
}

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : Math.round(value).toLocaleString('en-US');
}

export function formatDecimal(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined ? '—' : plain(value, digits);
}

/** A 0–1 share as a percentage ("42.5 %"). */
export function formatShare(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(digits)} %`;
}

/** p and q values: "< 0.001" below a thousandth. */
export function formatP(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (value < 0.001) return '< 0.001';
  return value.toFixed(3);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, ...options });
    dateFormats.set(key, format);
  }
  return format;
}

/** "5 Jan 2026". */
export function formatDate(iso: string | null | undefined, timeZone = 'UTC'): string {
  if (!iso) return '—';
  return dateFormat(timeZone, { day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(iso),
  );
}

/** The last day of a half-open range [from, to): "29 Nov 2026". */
export function formatLastDay(toIso: string, timeZone = 'UTC'): string {
  return formatDate(new Date(Date.parse(toIso) - 1).toISOString(), timeZone);
}

/** "5 Jan 2026, 14:02". */
export function formatDateTime(iso: string | null | undefined, timeZone = 'UTC'): string {
  if (!iso) return '—';
  return dateFormat(timeZone, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

function zonedParts(iso: string, timeZone: string) {
  const parts = dateFormat(timeZone, { year: 'numeric', month: 'numeric', day: 'numeric' })
    .formatToParts(new Date(iso))
    .reduce<Record<string, string>>((all, part) => ({ ...all, [part.type]: part.value }), {});
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

/** A calendar bucket named by its start in the trend's time zone. */
export function formatBucket(iso: string, interval: string, timeZone: string, short = false) {
  const { year, month } = zonedParts(iso, timeZone);
  switch (interval) {
    case 'YEAR':
      return String(year);
    case 'QUARTER':
      return `Q${Math.floor((month - 1) / 3) + 1} ${year}`;
    case 'MONTH':
      return dateFormat(timeZone, { month: 'short', year: short ? '2-digit' : 'numeric' }).format(
        new Date(iso),
      );
    case 'WEEK':
      return `${short ? '' : 'Week of '}${dateFormat(timeZone, { day: 'numeric', month: 'short' }).format(new Date(iso))}`;
    default:
      return dateFormat(
        timeZone,
        short
          ? { day: 'numeric', month: 'short' }
          : { day: 'numeric', month: 'short', year: 'numeric' },
      ).format(new Date(iso));
  }
}

/** "in 3 min", "in 1 h 5 min", "less than a minute" — the distance to an instant. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return 'less than a minute';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
}
