/**
 * The shared controls and the user-property filter as URL parameters, so a copied link opens the
 * same view. Only what differs from the defaults is written: `#/drivers` alone is the last 90
 * days in the environment's zone, by week, all responses, all users. Pure (no DOM).
 *
 *   range=12m | 30d | 90d | this-year | last-year | all | custom (with from=2026-01-01&to=…)
 *   interval=month   tz=America/New_York   count=latest
 *   f=plan:is:pro   f=country:in:DE|FR   f=email:set   f=email:unset   (one per condition)
 */
import type { Dedupe, Interval, UserPropertyCondition } from './generated/graphql';
import { type Controls, boundedRange, defaultInterval, initialControls, isPreset } from './range';
import { isTimeZone, parseDate } from './time';

/** Parameters every view shares; the rest belong to the view on screen. */
export const SHARED_PARAMS = ['env', 'range', 'from', 'to', 'interval', 'tz', 'count', 'f'];

const INTERVALS: Interval[] = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'];

function presetDays(controls: Controls): number | null {
  const bounded = boundedRange(controls);
  return bounded && 'from' in bounded
    ? Math.round((bounded.to.getTime() - bounded.from.getTime()) / 86_400_000)
    : null;
}

/** The controls a link asks for; anything missing or unreadable takes its default. */
export function controlsFromParams(
  params: URLSearchParams,
  environmentTimezone: string,
  now = new Date(),
): Controls {
  const tz = params.get('tz');
  const timezone = tz && isTimeZone(tz) ? tz : environmentTimezone;
  const defaults = initialControls(timezone, now);
  const range = params.get('range');
  const preset = isPreset(range) ? range : defaults.preset;
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const custom =
    preset === 'custom'
      ? { customFrom: parseDate(from) ? from : '', customTo: parseDate(to) ? to : '' }
      : {};
  const controls: Controls = {
    ...defaults,
    ...custom,
    preset,
    dedupe: params.get('count') === 'latest' ? 'LATEST_PER_PERSON' : 'ALL_RESPONSES',
  };
  const interval = params.get('interval')?.toUpperCase() as Interval | undefined;
  controls.interval =
    interval && INTERVALS.includes(interval)
      ? interval
      : defaultInterval(preset, presetDays(controls));
  return controls;
}

/** The parameters of the controls that differ from the defaults. */
export function controlsToParams(
  controls: Controls,
  environmentTimezone: string,
): Array<[string, string]> {
  const params: Array<[string, string]> = [];
  if (controls.preset !== '90d') params.push(['range', controls.preset]);
  if (controls.preset === 'custom') {
    params.push(['from', controls.customFrom], ['to', controls.customTo]);
  }
  if (controls.interval !== defaultInterval(controls.preset, presetDays(controls))) {
    params.push(['interval', controls.interval.toLowerCase()]);
  }
  if (controls.timezone !== environmentTimezone) params.push(['tz', controls.timezone]);
  const dedupe: Dedupe = controls.dedupe;
  if (dedupe === 'LATEST_PER_PERSON') params.push(['count', 'latest']);
  return params;
}

// Property names and values may hold the separators; they are escaped inside each part.
const escapePart = (text: string) =>
  text.replace(/%/g, '%25').replace(/:/g, '%3A').replace(/\|/g, '%7C');
const unescapePart = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

export function conditionToParam(condition: UserPropertyCondition): string {
  const property = escapePart(condition.property);
  if (condition.exists !== undefined && condition.exists !== null) {
    return `${property}:${condition.exists ? 'set' : 'unset'}`;
  }
  if (condition.in) return `${property}:in:${condition.in.map(escapePart).join('|')}`;
  return `${property}:is:${escapePart(condition.equals ?? '')}`;
}

export function conditionFromParam(text: string): UserPropertyCondition | null {
  const [rawProperty, operator, rawValue = ''] = text.split(':');
  const property = unescapePart(rawProperty ?? '');
  if (!property) return null;
  switch (operator) {
    case 'set':
    case 'unset':
      return { property, exists: operator === 'set' };
    case 'in':
      return { property, in: rawValue.split('|').map(unescapePart) };
    case 'is':
      return { property, equals: unescapePart(rawValue) };
    default:
      return null;
  }
}

export function filterFromParams(params: URLSearchParams): UserPropertyCondition[] {
  return params
    .getAll('f')
    .map(conditionFromParam)
    .filter((condition): condition is UserPropertyCondition => condition !== null);
}

/**
 * A parameter string that stays readable (`tz=Europe/Berlin`, `f=plan:is:pro`): everything is
 * encoded except a few characters URLSearchParams reads back unchanged.
 */
export function formatParams(params: Iterable<[string, string]>): string {
  const encode = (text: string) =>
    encodeURIComponent(text).replace(/%(2F|3A|7C|2C|40)/gi, (escaped) =>
      decodeURIComponent(escaped),
    );
  return [...params].map(([key, value]) => `${encode(key)}=${encode(value)}`).join('&');
}

/** A view setting that is a whole number within bounds, else null (absent or unreadable). */
export function wholeNumberParam(text: string | null, min: number, max: number): number | null {
  const value = text === null || text.trim() === '' ? NaN : Number(text);
  return Number.isInteger(value) && value >= min && value <= max ? value : null;
}
