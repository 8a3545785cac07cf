import { AppError, InputProblem } from '../common/app-error';
import { calendarProblem } from '../common/calendar-date';
import { nulProblem, printableName, reservedNameProblem } from '../common/input-text';
import type { TrackedEvent } from '../store/events.repository';

/** Heap's limits: identity ≤ 255, event name ≤ 1024, property names and string values < 1024. */
export const LIMITS = {
  identity: 255,
  eventName: 1024,
  propertyName: 1023,
  propertyValue: 1023,
  idempotencyKey: 255,
  bulkItems: 1000,
  properties: 500,
} as const;

/** Event names that only survey sources may write. */
export const RESERVED_EVENT_NAMES = new Set(['Submit Survey']);

/** Allowed clock skew for client timestamps in the future. */
const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;

export type PropertyMap = Record<string, string | number>;

export interface UserPropertiesItem {
  identity: string;
  properties: PropertyMap;
}

type Problems = InputProblem[];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The app_id of a body, before anything else is looked at (authorisation needs it first). */
export function readAppId(body: unknown): string {
  if (!isPlainObject(body)) {
    throw AppError.invalidItems('The body must be a JSON object.', [
      { field: 'body', message: 'expected a JSON object such as {"app_id": "1", ...}' },
    ]);
  }
  const appId = body.app_id;
  const text = typeof appId === 'number' && Number.isSafeInteger(appId) ? String(appId) : appId;
  if (typeof text !== 'string' || !/^[1-9][0-9]{0,17}$/.test(text.trim())) {
    throw AppError.invalidItems('app_id is missing or not an environment id.', [
      { field: 'app_id', message: 'app_id must be the environment id, e.g. "1"' },
    ]);
  }
  return text.trim();
}

function checkIdentity(value: unknown, field: string, problems: Problems, index?: number): string {
  if (typeof value !== 'string' || value.trim().length === 0) {
    problems.push({ index, field, message: 'identity must be a non-empty string' });
    return '';
  }
  if (value.length > LIMITS.identity) {
    problems.push({
      index,
      field,
      message: `identity must be at most ${LIMITS.identity} characters (got ${value.length})`,
    });
  }
  const nul = nulProblem(value);
  if (nul) problems.push({ index, field, message: `identity ${nul}` });
  return value;
}

/** Heap's property rules; arrays are joined with "||" as Heap does. */
function checkProperties(
  value: unknown,
  field: string,
  problems: Problems,
  index?: number,
): PropertyMap {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) {
    problems.push({
      index,
      field,
      message: 'properties must be a JSON object of names to strings or numbers',
    });
    return {};
  }
  const entries = Object.entries(value);
  if (entries.length > LIMITS.properties) {
    problems.push({
      index,
      field,
      message: `at most ${LIMITS.properties} properties per item (got ${entries.length})`,
    });
    return {};
  }
  const result: PropertyMap = {};
  for (const [name, raw] of entries) {
    const where = `${field}.${printableName(name)}`;
    if (name.length === 0 || name.length > LIMITS.propertyName) {
      problems.push({
        index,
        field: where,
        message: `property names must be 1 to ${LIMITS.propertyName} characters`,
      });
      continue;
    }
    const badName = nulProblem(name) ?? reservedNameProblem(name);
    if (badName) {
      problems.push({ index, field: where, message: `property names ${badName}` });
      continue;
    }
    let converted: string | number | undefined;
    if (typeof raw === 'string') converted = raw;
    else if (typeof raw === 'number') {
      if (!Number.isFinite(raw)) {
        problems.push({ index, field: where, message: 'numbers must be finite' });
        continue;
      }
      converted = raw;
    } else if (typeof raw === 'boolean') converted = String(raw);
    else if (
      Array.isArray(raw) &&
      raw.every((item) => ['string', 'number', 'boolean'].includes(typeof item))
    ) {
      converted = raw.map(String).join('||');
    }
    if (converted === undefined) {
      problems.push({
        index,
        field: where,
        message:
          'values must be strings or numbers (booleans become text, arrays of them are joined with "||"); null and objects are not accepted',
      });
      continue;
    }
    if (typeof converted === 'string' && converted.length > LIMITS.propertyValue) {
      problems.push({
        index,
        field: where,
        message: `string values must be under 1024 characters (got ${converted.length})`,
      });
      continue;
    }
    const badValue = typeof converted === 'string' ? nulProblem(converted) : null;
    if (badValue) {
      problems.push({ index, field: where, message: `values ${badValue}` });
      continue;
    }
    result[name] = converted;
  }
  return result;
}

function checkTimestamp(
  value: unknown,
  field: string,
  problems: Problems,
  now: Date,
  index?: number,
): Date {
  if (value === undefined || value === null) return now;
  let time: Date | null = null;
  const impossible = typeof value === 'string' ? calendarProblem(value) : null;
  if (impossible) {
    problems.push({ index, field, message: `timestamp ${impossible}` });
    return now;
  }
  if (typeof value === 'number' && Number.isFinite(value)) time = new Date(value);
  else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) {
    // A string without a zone is read as UTC, not as the server's local time.
    const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value.trim()) || value.trim().length === 10;
    time = new Date(hasZone ? value : `${value}Z`);
  }
  if (!time || Number.isNaN(time.getTime())) {
    problems.push({
      index,
      field,
      message:
        'timestamp must be an ISO 8601 string (e.g. "2026-03-01T12:00:00Z") or Unix milliseconds',
    });
    return now;
  }
  if (time.getTime() < 0 || time.getTime() > now.getTime() + MAX_FUTURE_MS) {
    problems.push({
      index,
      field,
      message: `timestamp ${time.toISOString()} is before 1970 or more than a day in the future`,
    });
  }
  return time;
}

function checkTrackItem(
  item: unknown,
  prefix: string,
  problems: Problems,
  now: Date,
  index?: number,
): TrackedEvent {
  const at = (name: string) => (prefix ? `${prefix}.${name}` : name);
  if (!isPlainObject(item)) {
    problems.push({ index, field: prefix || 'body', message: 'each event must be a JSON object' });
    return { identity: '', name: '', time: now, properties: {}, idempotencyKey: null };
  }
  const identity = checkIdentity(item.identity, at('identity'), problems, index);
  let name = '';
  if (typeof item.event !== 'string' || item.event.trim().length === 0) {
    problems.push({
      index,
      field: at('event'),
      message: 'event must be a non-empty string naming what the user did',
    });
  } else if (item.event.length > LIMITS.eventName) {
    problems.push({
      index,
      field: at('event'),
      message: `event must be at most ${LIMITS.eventName} characters`,
    });
  } else if (nulProblem(item.event)) {
    problems.push({ index, field: at('event'), message: `event ${nulProblem(item.event)}` });
  } else if (RESERVED_EVENT_NAMES.has(item.event)) {
    problems.push({
      index,
      field: at('event'),
      message: `"${item.event}" is written by survey sources only; import survey responses instead`,
    });
  } else {
    name = item.event;
  }
  let idempotencyKey: string | null = null;
  if (item.idempotency_key !== undefined && item.idempotency_key !== null) {
    if (
      typeof item.idempotency_key !== 'string' ||
      item.idempotency_key.length === 0 ||
      item.idempotency_key.length > LIMITS.idempotencyKey
    ) {
      problems.push({
        index,
        field: at('idempotency_key'),
        message: `idempotency_key must be a string of 1 to ${LIMITS.idempotencyKey} characters`,
      });
    } else if (nulProblem(item.idempotency_key)) {
      problems.push({
        index,
        field: at('idempotency_key'),
        message: `idempotency_key ${nulProblem(item.idempotency_key)}`,
      });
    } else {
      idempotencyKey = item.idempotency_key;
    }
  }
  return {
    identity,
    name,
    time: checkTimestamp(item.timestamp, at('timestamp'), problems, now, index),
    properties: checkProperties(item.properties, at('properties'), problems, index),
    idempotencyKey,
  };
}

function bulkItems(body: Record<string, unknown>, key: string): unknown[] {
  const items = body[key];
  if (!Array.isArray(items) || items.length === 0 || items.length > LIMITS.bulkItems) {
    throw AppError.invalidItems(`${key} must be an array of 1 to ${LIMITS.bulkItems} items.`, [
      {
        field: key,
        message: `expected 1 to ${LIMITS.bulkItems} items, got ${Array.isArray(items) ? items.length : typeof items}`,
      },
    ]);
  }
  return items;
}

function rejectIfAny(problems: Problems, what: string): void {
  if (problems.length === 0) return;
  const items = new Set(problems.map((problem) => problem.index ?? -1)).size;
  throw AppError.invalidItems(
    `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${items} ${what}${items === 1 ? '' : 's'}; nothing was written.`,
    problems,
  );
}

/** Validates `/api/track` (single or bulk form); all or nothing. */
export function parseTrackBody(body: Record<string, unknown>, now = new Date()): TrackedEvent[] {
  const problems: Problems = [];
  let events: TrackedEvent[];
  if ('events' in body) {
    events = bulkItems(body, 'events').map((item, index) =>
      checkTrackItem(item, `events[${index}]`, problems, now, index),
    );
  } else {
    events = [checkTrackItem(body, '', problems, now)];
  }
  rejectIfAny(problems, 'event');
  return events;
}

/**
 * Validates `/api/add_user_properties` (single or bulk); all or nothing. Repeated identities are
 * merged in order (later values win), as if sent one after the other.
 */
export function parseUserPropertiesBody(body: Record<string, unknown>): UserPropertiesItem[] {
  const problems: Problems = [];
  const items: UserPropertiesItem[] = [];
  const checkItem = (item: unknown, prefix: string, index?: number) => {
    const at = (name: string) => (prefix ? `${prefix}.${name}` : name);
    if (!isPlainObject(item)) {
      problems.push({ index, field: prefix || 'body', message: 'each user must be a JSON object' });
      return;
    }
    const identity = checkIdentity(item.identity, at('identity'), problems, index);
    if (!isPlainObject(item.properties)) {
      problems.push({
        index,
        field: at('properties'),
        message: 'properties must be a JSON object of names to strings or numbers',
      });
      return;
    }
    items.push({
      identity,
      properties: checkProperties(item.properties, at('properties'), problems, index),
    });
  };
  if ('users' in body)
    bulkItems(body, 'users').forEach((item, index) => checkItem(item, `users[${index}]`, index));
  else checkItem(body, '');
  rejectIfAny(problems, 'user');
  const merged = new Map<string, PropertyMap>();
  for (const item of items)
    merged.set(item.identity, { ...(merged.get(item.identity) ?? {}), ...item.properties });
  return [...merged].map(([identity, properties]) => ({ identity, properties }));
}
