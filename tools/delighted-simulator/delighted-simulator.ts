/**
 * Local simulator of the Delighted v1 API (see docs/delighted-api.md), served
 * with plain node:http on 127.0.0.1. Tests, the demo and the benchmarks use it in place of the
 * real (sunset) API.
 *
 * Choices where the reference leaves room (each is tested):
 * - `per_page` above 100 is clamped to 100 (as the real API does); `per_page`/`page` below 1 or
 *   not a whole number is a 422.
 * - `since`/`until` and `updated_since`/`updated_until` are all inclusive (on or after, on or
 *   before). Responses with `updated_at` null never match an `updated_*` filter.
 * - Rows are ordered by created_at, ties by id (all-digit ids numerically, before other ids).
 * - Checks run in this order: fault injection, unknown prefix (404), auth (401), JSON (406),
 *   route (404, also for methods other than GET), parameters (422). The password of the Basic
 *   credentials is ignored, like the API key is the whole secret.
 * - Metrics round percents and NPS with Math.round (halves upwards, towards +∞); NPS is computed
 *   from the unrounded shares: round(100 * (promoters - detractors) / total), so it may differ by
 *   one from promoter_percent - detractor_percent. An empty range gives all zeros.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DELIGHTED_WEBHOOK_SIGNATURE_HEADER,
  type DelightedErrorBody,
  type DelightedMetrics,
  type DelightedPerson,
  type DelightedSurveyResponse,
  type DelightedWebhookEventType,
  type DelightedWebhookPayload,
} from '../../src/sources/delighted-api/delighted-api.types';
import {
  mulberry32,
  normalizeEmail,
  ResponseStore,
  type SimulatedDataOptions,
  type SimulatedPersonSummary,
  type SimulatedResponseInput,
  type SimulatedResponsePatch,
} from './simulated-responses';

// Hot loops use module constants, not globals (slow inside VM contexts such as Jest's).
const isNan = Number.isNaN;

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;
const DEFAULT_RESPONSE_COUNT = 1000;
const DEFAULT_API_KEY = 'delighted_test_key';
const FILTER_CACHE_SIZE = 16;

/** `sha256=<hex HMAC-SHA256 of body keyed with apiKey>`: the webhook signature header value. */
export function signWebhookBody(body: string, apiKey: string): string {
  return `sha256=${createHmac('sha256', apiKey).update(body, 'utf8').digest('hex')}`;
}

export type SimulatedFaultKind =
  '429' | '500' | '503' | 'slow' | 'malformed' | 'reset' | 'empty-body';

const FAULT_KINDS: readonly SimulatedFaultKind[] = [
  '429',
  '500',
  '503',
  'slow',
  'malformed',
  'reset',
  'empty-body',
];

/**
 * One injected fault; it applies to the next request whose path matches, then is consumed.
 * - '429': `{status:429, message:"Too Many Requests"}` with `Retry-After: retryAfterSeconds` (1).
 * - '500': internal error body. '503': maintenance body (`Retry-After` if retryAfterSeconds set).
 * - 'slow': waits delayMs (5000) and then answers normally.
 * - 'malformed': 200 with the normal body truncated to half (invalid JSON).
 * - 'reset': the socket is destroyed without an answer.
 * - 'empty-body': 200, `Content-Type: application/json`, zero-length body.
 */
export interface SimulatedFault {
  kind: SimulatedFaultKind;
  /** Only requests whose path starts with this string (or matches this RegExp). */
  path?: string | RegExp;
  retryAfterSeconds?: number;
  delayMs?: number;
}

export type SimulatedFaultRates = Partial<Record<SimulatedFaultKind, number>>;

export interface SimulatedFaultRateOptions {
  path?: string | RegExp;
  retryAfterSeconds?: number;
  delayMs?: number;
}

export interface SimulatorRequestLogEntry {
  method: string;
  path: string;
  /** Decoded query; a repeated parameter gives an array. */
  query: Record<string, string | string[]>;
  /** Final HTTP status; 0 for a reset (or a slow request cut short by stop()). */
  status: number;
  /** The Basic user name presented, valid or not. */
  apiKey: string | null;
  fault?: SimulatedFaultKind;
  /** Date.now() when the request arrived. */
  at: number;
}

export interface DelightedSimulatorOptions extends Omit<SimulatedDataOptions, 'count'> {
  /** Valid API key(s); the first is the primary one (default signing key of webhooks). */
  apiKey?: string | readonly string[];
  /** A count of responses to generate (default 1000), or the exact responses to serve. */
  responses?: number | readonly SimulatedResponseInput[];
  /** Entries kept in `requestLog` (default 10,000; oldest dropped first). */
  requestLogLimit?: number;
  /** Clock in Unix seconds for defaults (addResponse created_at, updateResponse at). */
  now?: () => number;
}

export interface SendWebhookOptions {
  /** Key to sign with; default the primary API key. */
  signWith?: string;
  /** Sign with a wrong key (same length signature that does not verify). */
  badSignature?: boolean;
  /** Send no signature header. */
  omitSignature?: boolean;
  /** Default: a random UUID. Reuse one to simulate a redelivery. */
  eventId?: string;
  /** Send (and sign) exactly this body instead of JSON.stringify(payload). */
  rawBody?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface WebhookDelivery {
  status: number;
  ok: boolean;
  responseBody: string;
  payload: DelightedWebhookPayload;
  rawBody: string;
  signature: string | null;
}

/** A filter on the response set (all Unix seconds, all bounds inclusive). */
interface RowFilter {
  since?: number;
  until?: number;
  updatedSince?: number;
  updatedUntil?: number;
  trend?: string;
  /** Already trimmed and lower-cased. */
  personEmail?: string;
}

/** Rows `source[offset .. offset + size)` in API order (created_at, id ascending). */
interface Selection {
  source: Uint32Array;
  offset: number;
  size: number;
}

const EMPTY_SELECTION: Selection = { source: new Uint32Array(0), offset: 0, size: 0 };

/** A growable sorted array of row numbers. */
class RowList {
  buf: Uint32Array;
  length: number;

  constructor(buf: Uint32Array, length = buf.length) {
    this.buf = buf;
    this.length = length;
  }

  insertAt(pos: number, row: number): void {
    if (this.length === this.buf.length) {
      const next = new Uint32Array(Math.max(16, Math.ceil(this.length * 1.5)));
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
    this.buf.copyWithin(pos + 1, pos, this.length);
    this.buf[pos] = row;
    this.length++;
  }

  removeAt(pos: number): void {
    this.buf.copyWithin(pos, pos + 1, this.length);
    this.length--;
  }
}

interface ScanParams {
  createdAt: Float64Array;
  updatedAt: Float64Array;
  trend: Int32Array;
  person: Uint32Array;
  since: number;
  until: number;
  hasUpdated: boolean;
  updatedSince: number;
  updatedUntil: number;
  /** -2: no trend filter. */
  trendIndex: number;
  /** -1: no single-person filter. */
  onlyPerson: number;
  personSet: Set<number> | null;
}

/** Copies the rows of source[from..to) that pass every filter into `out`; returns the count. */
function scanRows(
  source: Uint32Array,
  from: number,
  to: number,
  out: Uint32Array,
  p: ScanParams,
): number {
  const { createdAt, updatedAt, trend, person, since, until, updatedSince, updatedUntil } = p;
  const { hasUpdated, trendIndex, onlyPerson, personSet } = p;
  let n = 0;
  for (let i = from; i < to; i++) {
    const row = source[i];
    const c = createdAt[row];
    if (c < since || c > until) continue;
    if (hasUpdated) {
      const u = updatedAt[row];
      // NaN (null) fails both comparisons below only when negated, so test it explicitly.
      if (!(u >= updatedSince && u <= updatedUntil)) continue;
    }
    if (trendIndex !== -2 && trend[row] !== trendIndex) continue;
    if (onlyPerson >= 0 && person[row] !== onlyPerson) continue;
    if (personSet !== null && !personSet.has(person[row])) continue;
    out[n++] = row;
  }
  return n;
}

/**
 * Sorted indexes over a ResponseStore: rows by (created_at, id) and rows with an updated_at by
 * updated_at. Filtered row lists are cached per filter (LRU) and patched in place when a
 * response is added or updated, so paging through a filtered set costs O(per_page) per page
 * after the first, even while the data changes.
 */
class ResponseIndex {
  private order: RowList | null = null;
  private rank: Uint32Array | null = null;
  private updated: RowList | null = null;
  private personRows: { offsets: Uint32Array; rows: Uint32Array } | null = null;
  private readonly cache = new Map<string, { filter: RowFilter; rows: RowList }>();
  private readonly metricsCache = new Map<string, DelightedMetrics>();

  constructor(private readonly store: ResponseStore) {}

  /** Call after a row was appended to the store. */
  onAppend(row: number): void {
    this.metricsCache.clear();
    this.rank = null;
    this.personRows = null;
    if (this.order) this.order.insertAt(this.positionIn(this.order, row), row);
    if (this.updated && !isNan(this.store.updatedAt[row])) this.insertUpdated(row);
    this.patchCache(row);
  }

  /** Call after a row's updated_at changed (previous: NaN for null). */
  onUpdate(row: number, previous: number): void {
    this.metricsCache.clear();
    if (this.updated) {
      if (!isNan(previous)) {
        const updated = this.updated;
        for (let pos = this.lowerUpdated(previous); pos < updated.length; pos++) {
          if (updated.buf[pos] === row) {
            updated.removeAt(pos);
            break;
          }
        }
      }
      this.insertUpdated(row);
    }
    this.patchCache(row);
  }

  /** Where `row` is, or belongs, in a list kept in API order. */
  private positionIn(list: RowList, row: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.store.compareRows(list.buf[mid], row) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Adds `row` to, or removes it from, each cached filtered list as it now (mis)matches. */
  private patchCache(row: number): void {
    for (const { filter, rows } of this.cache.values()) {
      const pos = this.positionIn(rows, row);
      const present = pos < rows.length && rows.buf[pos] === row;
      const matches = this.matches(filter, row);
      if (matches && !present) rows.insertAt(pos, row);
      else if (!matches && present) rows.removeAt(pos);
    }
  }

  private matches(filter: RowFilter, row: number): boolean {
    const store = this.store;
    const c = store.createdAt[row];
    if (filter.since !== undefined && c < filter.since) return false;
    if (filter.until !== undefined && c > filter.until) return false;
    if (filter.updatedSince !== undefined || filter.updatedUntil !== undefined) {
      const u = store.updatedAt[row];
      if (isNan(u)) return false;
      if (filter.updatedSince !== undefined && u < filter.updatedSince) return false;
      if (filter.updatedUntil !== undefined && u > filter.updatedUntil) return false;
    }
    if (filter.trend !== undefined && store.trendOf(row) !== filter.trend) return false;
    if (filter.personEmail !== undefined) {
      const email = normalizeEmail(store.persons.emailOf(store.person[row]));
      if (email !== filter.personEmail) return false;
    }
    return true;
  }

  private insertUpdated(row: number): void {
    const updated = this.updated as RowList;
    updated.insertAt(this.upperUpdated(this.store.updatedAt[row]), row);
  }

  private ensureOrder(): RowList {
    if (this.order) return this.order;
    const store = this.store;
    const n = store.length;
    let sorted = true;
    for (let r = 1; r < n && sorted; r++) sorted = store.compareRows(r - 1, r) < 0;
    let buf: Uint32Array;
    if (sorted) {
      buf = new Uint32Array(n);
      for (let r = 0; r < n; r++) buf[r] = r;
    } else {
      const rows = Array.from({ length: n }, (_, r) => r);
      rows.sort((a, b) => store.compareRows(a, b));
      buf = Uint32Array.from(rows);
    }
    this.order = new RowList(buf);
    return this.order;
  }

  private ensureRank(): Uint32Array {
    if (this.rank) return this.rank;
    const order = this.ensureOrder();
    const rank = new Uint32Array(this.store.length);
    for (let i = 0; i < order.length; i++) rank[order.buf[i]] = i;
    this.rank = rank;
    return rank;
  }

  private ensureUpdated(): RowList {
    if (this.updated) return this.updated;
    const { updatedAt, length: n } = this.store;
    let count = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let r = 0; r < n; r++) {
      const u = updatedAt[r];
      if (isNan(u)) continue;
      count++;
      if (u < min) min = u;
      if (u > max) max = u;
    }
    const rows = new Uint32Array(count);
    const shift = 2 ** Math.ceil(Math.log2(n + 1));
    if (count > 0 && (max - min + 1) * shift <= Number.MAX_SAFE_INTEGER) {
      // Pack (updated_at, row) into one exact double and sort natively: fast on a million rows.
      const keys = new Float64Array(count);
      let j = 0;
      for (let r = 0; r < n; r++) {
        const u = updatedAt[r];
        if (!isNan(u)) keys[j++] = (u - min) * shift + r;
      }
      keys.sort();
      for (let i = 0; i < count; i++) rows[i] = keys[i] % shift;
    } else {
      const list: number[] = [];
      for (let r = 0; r < n; r++) if (!isNan(updatedAt[r])) list.push(r);
      list.sort((a, b) => updatedAt[a] - updatedAt[b] || a - b);
      rows.set(list);
    }
    this.updated = new RowList(rows);
    return this.updated;
  }

  private ensurePersonRows(): { offsets: Uint32Array; rows: Uint32Array } {
    if (this.personRows) return this.personRows;
    const { person, length: n } = this.store;
    const offsets = new Uint32Array(this.store.persons.count + 1);
    for (let r = 0; r < n; r++) offsets[person[r] + 1]++;
    for (let p = 1; p < offsets.length; p++) offsets[p] += offsets[p - 1];
    const fill = offsets.slice(0, offsets.length - 1);
    const rows = new Uint32Array(n);
    for (let r = 0; r < n; r++) rows[fill[person[r]]++] = r;
    this.personRows = { offsets, rows };
    return this.personRows;
  }

  /** First position in `order` whose created_at >= t (or > t when `after`). */
  private boundCreated(t: number, after: boolean): number {
    const order = this.ensureOrder();
    const createdAt = this.store.createdAt;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = createdAt[order.buf[mid]];
      if (c < t || (after && c === t)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private lowerUpdated(t: number): number {
    return this.boundUpdated(t, false);
  }

  private upperUpdated(t: number): number {
    return this.boundUpdated(t, true);
  }

  private boundUpdated(t: number, after: boolean): number {
    const updated = this.ensureUpdated();
    const updatedAt = this.store.updatedAt;
    let lo = 0;
    let hi = updated.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const u = updatedAt[updated.buf[mid]];
      if (u < t || (after && u === t)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The rows matching `filter`, in API order. */
  select(filter: RowFilter): Selection {
    const order = this.ensureOrder();
    const lo = filter.since === undefined ? 0 : this.boundCreated(filter.since, false);
    const hi = filter.until === undefined ? order.length : this.boundCreated(filter.until, true);
    if (lo >= hi) return EMPTY_SELECTION;
    const hasUpdated = filter.updatedSince !== undefined || filter.updatedUntil !== undefined;
    if (!hasUpdated && filter.trend === undefined && filter.personEmail === undefined) {
      return { source: order.buf, offset: lo, size: hi - lo };
    }
    const key = JSON.stringify([
      filter.since,
      filter.until,
      filter.updatedSince,
      filter.updatedUntil,
      filter.trend,
      filter.personEmail,
    ]);
    let entry = this.cache.get(key);
    if (entry) {
      this.cache.delete(key);
    } else {
      entry = { filter: { ...filter }, rows: new RowList(this.filterRows(filter, lo, hi)) };
      if (this.cache.size >= FILTER_CACHE_SIZE) {
        this.cache.delete(this.cache.keys().next().value as string);
      }
    }
    this.cache.set(key, entry);
    return { source: entry.rows.buf, offset: 0, size: entry.rows.length };
  }

  private filterRows(filter: RowFilter, lo: number, hi: number): Uint32Array {
    const store = this.store;
    const { createdAt, updatedAt, trend, person } = store;
    const since = filter.since ?? -Infinity;
    const until = filter.until ?? Infinity;
    const hasUpdated = filter.updatedSince !== undefined || filter.updatedUntil !== undefined;
    const updatedSince = filter.updatedSince ?? -Infinity;
    const updatedUntil = filter.updatedUntil ?? Infinity;
    let trendIndex = -2;
    if (filter.trend !== undefined) {
      trendIndex = store.trendIndex(filter.trend);
      if (trendIndex < 0) return new Uint32Array(0);
    }
    let people: readonly number[] | null = null;
    if (filter.personEmail !== undefined) {
      people = store.persons.findByNormalizedEmail(filter.personEmail);
      if (people.length === 0) return new Uint32Array(0);
    }
    const personSet = people && people.length > 1 ? new Set(people) : null;
    const onlyPerson = people && people.length === 1 ? people[0] : -1;

    // Drive the scan from the smallest candidate set.
    const order = this.ensureOrder();
    let source: Uint32Array = order.buf;
    let from = lo;
    let to = hi;
    let inApiOrder = true;
    if (hasUpdated) {
      const ulo = filter.updatedSince === undefined ? 0 : this.lowerUpdated(filter.updatedSince);
      const uhi =
        filter.updatedUntil === undefined
          ? this.ensureUpdated().length
          : this.upperUpdated(filter.updatedUntil);
      if (ulo >= uhi) return new Uint32Array(0);
      // Rows found through the updated_at index must be re-sorted (k log k); a straight scan
      // of the created_at range is cheaper unless the updated_at range is much smaller.
      if ((uhi - ulo) * 16 < to - from) {
        source = (this.updated as RowList).buf;
        from = ulo;
        to = uhi;
        inApiOrder = false;
      }
    }
    if (people) {
      const { offsets, rows } = this.ensurePersonRows();
      let total = 0;
      for (const p of people) total += offsets[p + 1] - offsets[p];
      if (total < to - from) {
        source = new Uint32Array(total);
        let j = 0;
        for (const p of people) {
          source.set(rows.subarray(offsets[p], offsets[p + 1]), j);
          j += offsets[p + 1] - offsets[p];
        }
        from = 0;
        to = total;
        inApiOrder = false;
      }
    }

    const out = new Uint32Array(to - from);
    const n = scanRows(source, from, to, out, {
      createdAt,
      updatedAt,
      trend,
      person,
      since,
      until,
      hasUpdated,
      updatedSince,
      updatedUntil,
      trendIndex,
      onlyPerson,
      personSet,
    });
    const rows = out.slice(0, n);
    if (!inApiOrder) {
      const rank = this.ensureRank();
      for (let i = 0; i < n; i++) rows[i] = rank[rows[i]];
      rows.sort();
      for (let i = 0; i < n; i++) rows[i] = order.buf[rows[i]];
    }
    return rows;
  }

  metrics(filter: RowFilter): DelightedMetrics {
    const key = JSON.stringify([filter.since, filter.until, filter.trend]);
    const cached = this.metricsCache.get(key);
    if (cached) return { ...cached };
    const { source, offset, size } = this.select(filter);
    const store = this.store;
    let promoters = 0;
    let passives = 0;
    let detractors = 0;
    for (let i = offset; i < offset + size; i++) {
      const row = source[i];
      if (!store.isNps(row)) continue;
      const score = store.score[row];
      if (score >= 9) promoters++;
      else if (score >= 7) passives++;
      else detractors++;
    }
    const total = promoters + passives + detractors;
    const percent = (count: number) => (total === 0 ? 0 : Math.round((100 * count) / total));
    const metrics: DelightedMetrics = {
      nps: total === 0 ? 0 : Math.round((100 * (promoters - detractors)) / total),
      promoter_count: promoters,
      promoter_percent: percent(promoters),
      passive_count: passives,
      passive_percent: percent(passives),
      detractor_count: detractors,
      detractor_percent: percent(detractors),
      response_count: total,
    };
    if (this.metricsCache.size >= FILTER_CACHE_SIZE) this.metricsCache.clear();
    this.metricsCache.set(key, metrics);
    return { ...metrics };
  }
}

interface RouteResult {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

function jsonError(
  status: number,
  message: string,
  errors?: Record<string, string[]>,
  headers?: Record<string, string>,
): RouteResult {
  const body: DelightedErrorBody = errors ? { status, message, errors } : { status, message };
  return { status, body: JSON.stringify(body), headers };
}

function acceptsJson(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept
    .split(',')
    .some((range) => range.split(';')[0].trim().toLowerCase() === 'application/json');
}

function pathMatches(filter: string | RegExp | undefined, path: string): boolean {
  if (filter === undefined) return true;
  return typeof filter === 'string' ? path.startsWith(filter) : filter.test(path);
}

function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    const existing = record[key];
    if (existing === undefined) record[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else record[key] = [existing, value];
  }
  return record;
}

/** Parses and validates query parameters, collecting 422 errors per field. */
class QueryReader {
  readonly errors: Record<string, string[]> = {};

  constructor(private readonly params: URLSearchParams) {}

  private last(name: string): string | undefined {
    const values = this.params.getAll(name);
    return values.length === 0 ? undefined : values[values.length - 1];
  }

  private fail(name: string, message: string): undefined {
    (this.errors[name] ??= []).push(message);
    return undefined;
  }

  integer(name: string, min: number): number | undefined {
    const raw = this.last(name);
    if (raw === undefined) return undefined;
    if (!/^\d+$/.test(raw)) {
      return this.fail(name, min > 0 ? 'must be a positive integer' : 'must be an integer');
    }
    const value = Number(raw);
    if (value < min) return this.fail(name, `must be greater than or equal to ${min}`);
    return value;
  }

  text(name: string): string | undefined {
    const raw = this.last(name);
    if (raw === undefined) return undefined;
    if (raw.trim() === '') return this.fail(name, "can't be blank");
    return raw;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const raw = this.last(name);
    if (raw === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(raw)) {
      return this.fail(name, `must be one of: ${allowed.join(', ')}`);
    }
    return raw as T;
  }

  /** `expand[]=person`, `expand=person` (also comma-separated); unknown values are ignored. */
  expands(target: string): boolean {
    return [...this.params.getAll('expand[]'), ...this.params.getAll('expand')]
      .flatMap((v) => v.split(','))
      .some((v) => v.trim() === target);
  }

  get valid(): boolean {
    return Object.keys(this.errors).length === 0;
  }
}

/** The simulator: see the file comment for the behaviour. */
export class DelightedSimulator {
  private store: ResponseStore;
  private index: ResponseIndex;
  private readonly keys: Set<string>;
  private readonly primaryKey: string;
  private readonly logLimit: number;
  private readonly log: SimulatorRequestLogEntry[] = [];
  private requests = 0;
  private readonly faults: SimulatedFault[] = [];
  private faultRates: { rates: Array<[SimulatedFaultKind, number]>; rng: () => number } | null =
    null;
  private faultRateOptions: SimulatedFaultRateOptions = {};
  private server: Server | null = null;
  private url: string | null = null;
  private readonly sleepers = new Set<() => void>();
  private readonly clock: () => number;

  constructor(private readonly options: DelightedSimulatorOptions = {}) {
    const keys =
      options.apiKey === undefined
        ? [DEFAULT_API_KEY]
        : typeof options.apiKey === 'string'
          ? [options.apiKey]
          : [...options.apiKey];
    if (keys.length === 0 || keys.some((k) => typeof k !== 'string' || k === '')) {
      throw new TypeError('apiKey must be a non-empty string (or a list of them)');
    }
    this.keys = new Set(keys);
    this.primaryKey = keys[0];
    this.logLimit = options.requestLogLimit ?? 10_000;
    this.clock = options.now ?? (() => Math.floor(Date.now() / 1000));
    const responses = options.responses ?? DEFAULT_RESPONSE_COUNT;
    this.store =
      typeof responses === 'number'
        ? ResponseStore.generate({ ...options, count: responses })
        : ResponseStore.fromInputs(responses, this.clock());
    this.index = new ResponseIndex(this.store);
  }

  // --- lifecycle ------------------------------------------------------------------------------

  /** Starts listening on 127.0.0.1 (port 0: any free port); resolves to the base URL. */
  async start(port = 0): Promise<string> {
    if (this.server) throw new Error('DelightedSimulator already started');
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          this.send(res, jsonError(500, `Simulator error: ${String(error)}`));
        }
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${address.port}/v1`;
    return this.url;
  }

  /** Stops the server, closing open connections and cutting slow requests short. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    this.url = null;
    for (const wake of [...this.sleepers]) wake();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** `http://127.0.0.1:PORT/v1`; throws before start(). */
  get baseUrl(): string {
    if (!this.url) throw new Error('DelightedSimulator is not started');
    return this.url;
  }

  get port(): number {
    return Number(new URL(this.baseUrl).port);
  }

  // --- API keys -------------------------------------------------------------------------------

  /** The primary key (the first configured): default signing key of webhooks. */
  get apiKey(): string {
    return this.primaryKey;
  }

  get apiKeys(): string[] {
    return [...this.keys];
  }

  addApiKey(key: string): void {
    if (typeof key !== 'string' || key === '') throw new TypeError('API key must be non-empty');
    this.keys.add(key);
  }

  /** Revokes a key: later requests with it get 401 (also mid-sync). */
  revokeApiKey(key: string): boolean {
    return this.keys.delete(key);
  }

  // --- request log ----------------------------------------------------------------------------

  /** The last `requestLogLimit` requests, oldest first. */
  get requestLog(): readonly SimulatorRequestLogEntry[] {
    return this.log;
  }

  /** Every request received since construction (or clearRequestLog), faults included. */
  get requestCount(): number {
    return this.requests;
  }

  clearRequestLog(): void {
    this.log.length = 0;
    this.requests = 0;
  }

  // --- data -----------------------------------------------------------------------------------

  get responseCount(): number {
    return this.store.length;
  }

  /** Replaces all data with these responses (people are rebuilt from them). */
  setResponses(responses: readonly SimulatedResponseInput[]): void {
    this.replaceStore(ResponseStore.fromInputs(responses, this.clock()));
  }

  /** Replaces all data with a generated dataset (missing options come from the constructor). */
  regenerate(options: Partial<SimulatedDataOptions> = {}): void {
    const base = this.options.responses;
    const count = options.count ?? (typeof base === 'number' ? base : DEFAULT_RESPONSE_COUNT);
    this.replaceStore(ResponseStore.generate({ ...this.options, ...options, count }));
  }

  private replaceStore(store: ResponseStore): void {
    this.store = store;
    this.index = new ResponseIndex(store);
  }

  /** Adds a response (id = highest numeric id + 1, created_at = now unless given). */
  addResponse(input: SimulatedResponseInput = {}): DelightedSurveyResponse<string> {
    const row = this.store.addInput(input, this.clock());
    this.index.onAppend(row);
    return this.store.toResponse(row);
  }

  /**
   * Changes a response and sets its updated_at to `at` (default now). `at` may be in the past or
   * equal to an earlier update, to reproduce late commits and same-second updates.
   */
  updateResponse(
    id: string,
    patch: SimulatedResponsePatch,
    at: number = this.clock(),
  ): DelightedSurveyResponse<string> {
    const row = this.rowOf(id);
    const previous = this.store.update(row, patch, at);
    this.index.onUpdate(row, previous);
    return this.store.toResponse(row);
  }

  getResponse(id: string, expand: true): DelightedSurveyResponse<DelightedPerson>;
  getResponse(id: string, expand?: false): DelightedSurveyResponse<string>;
  getResponse(id: string, expand = false): DelightedSurveyResponse {
    const row = this.rowOf(id);
    return expand ? this.store.toResponse(row, true) : this.store.toResponse(row);
  }

  /** All responses as the API lists them (created_at, id ascending; person as id). */
  listResponses(): DelightedSurveyResponse<string>[] {
    const { source, offset, size } = this.index.select({});
    const list: DelightedSurveyResponse<string>[] = [];
    for (let i = offset; i < offset + size; i++) list.push(this.store.toResponse(source[i]));
    return list;
  }

  /** Everyone who has responses, with the email as typed and normalised. */
  listPeople(): SimulatedPersonSummary[] {
    return this.store.listPeople();
  }

  /** The trend id a response belongs to (not on the wire; drives the `trend` filter). */
  trendOf(id: string): string | null {
    return this.store.trendOf(this.rowOf(id));
  }

  private rowOf(id: string): number {
    const row = this.store.rowOfId(id);
    if (row < 0) throw new Error(`unknown survey response id ${id}`);
    return row;
  }

  // --- faults ---------------------------------------------------------------------------------

  /** Queues faults; each applies once, to the next request matching its path. */
  injectFaults(faults: readonly SimulatedFault[]): void {
    for (const fault of faults) {
      if (!FAULT_KINDS.includes(fault.kind)) throw new TypeError(`unknown fault ${fault.kind}`);
      this.faults.push({ ...fault });
    }
  }

  /**
   * Probabilistic faults for storm tests: each matching request draws from a PRNG seeded with
   * `seed`, so the same request sequence gets the same faults. Queued faults take precedence.
   * Rates are probabilities per request and must sum to at most 1; `{}` turns this off.
   */
  setFaultRate(
    rates: SimulatedFaultRates,
    seed = 1,
    options: SimulatedFaultRateOptions = {},
  ): void {
    const entries: Array<[SimulatedFaultKind, number]> = [];
    let total = 0;
    for (const [kind, rate] of Object.entries(rates) as Array<[SimulatedFaultKind, number]>) {
      if (!FAULT_KINDS.includes(kind)) throw new TypeError(`unknown fault ${kind}`);
      if (!(rate >= 0 && rate <= 1)) throw new RangeError(`rate of ${kind} must be in [0, 1]`);
      total += rate;
    }
    if (total > 1 + 1e-9) throw new RangeError('fault rates must sum to at most 1');
    for (const kind of FAULT_KINDS) {
      const rate = rates[kind];
      if (rate !== undefined && rate > 0) entries.push([kind, rate]);
    }
    this.faultRates = entries.length === 0 ? null : { rates: entries, rng: mulberry32(seed) };
    this.faultRateOptions = { ...options };
  }

  /** Drops queued faults and turns probabilistic faults off. */
  clearFaults(): void {
    this.faults.length = 0;
    this.faultRates = null;
  }

  get pendingFaults(): number {
    return this.faults.length;
  }

  private nextFault(path: string): SimulatedFault | null {
    const i = this.faults.findIndex((f) => pathMatches(f.path, path));
    if (i >= 0) return this.faults.splice(i, 1)[0];
    const rates = this.faultRates;
    if (!rates || !pathMatches(this.faultRateOptions.path, path)) return null;
    let r = rates.rng();
    for (const [kind, rate] of rates.rates) {
      if (r < rate) {
        return {
          kind,
          retryAfterSeconds: this.faultRateOptions.retryAfterSeconds,
          delayMs: this.faultRateOptions.delayMs,
        };
      }
      r -= rate;
    }
    return null;
  }

  // --- webhooks -------------------------------------------------------------------------------

  /** The webhook body for a response (by id, or an object; person expanded). */
  buildWebhookPayload(
    eventType: DelightedWebhookEventType,
    response: string | DelightedSurveyResponse,
    eventId: string = randomUUID(),
  ): DelightedWebhookPayload {
    let data: DelightedSurveyResponse<DelightedPerson>;
    if (typeof response === 'string') {
      data = this.getResponse(response, true);
    } else {
      const copy = JSON.parse(JSON.stringify(response)) as DelightedSurveyResponse;
      let person: DelightedPerson;
      if (typeof copy.person === 'string') {
        const index = this.store.persons.indexOfId(copy.person);
        person =
          index >= 0
            ? this.store.persons.get(index)
            : {
                id: copy.person,
                email: null,
                name: null,
                created_at: copy.created_at,
                phone_number: null,
              };
      } else {
        person = copy.person;
      }
      data = { ...copy, person };
    }
    return { event_type: eventType, event_id: eventId, event_data: data };
  }

  /**
   * POSTs a signed webhook to `targetUrl`: `X-Delighted-Webhook-Signature: sha256=<hex>` is the
   * HMAC-SHA256 of the exact raw body keyed with the API key (signWith, default the primary key).
   */
  async sendWebhook(
    targetUrl: string,
    eventType: DelightedWebhookEventType,
    response: string | DelightedSurveyResponse,
    options: SendWebhookOptions = {},
  ): Promise<WebhookDelivery> {
    const payload = this.buildWebhookPayload(eventType, response, options.eventId);
    const rawBody = options.rawBody ?? JSON.stringify(payload);
    const key = options.signWith ?? this.primaryKey;
    const signature = options.omitSignature
      ? null
      : signWebhookBody(rawBody, options.badSignature ? `${key}:not-the-key` : key);
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'User-Agent': 'Delighted-Webhook-Simulator/1.0',
      ...options.headers,
    };
    if (signature !== null) headers[DELIGHTED_WEBHOOK_SIGNATURE_HEADER] = signature;
    const res = await fetch(targetUrl, {
      method: 'POST',
      headers,
      body: rawBody,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    return {
      status: res.status,
      ok: res.ok,
      responseBody: await res.text(),
      payload,
      rawBody,
      signature,
    };
  }

  // --- HTTP -----------------------------------------------------------------------------------

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  private send(res: ServerResponse, result: RouteResult): void {
    const body = Buffer.from(result.body, 'utf8');
    res.writeHead(result.status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(body.length),
      ...result.headers,
    });
    res.end(body);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests++;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const entry: SimulatorRequestLogEntry = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: queryRecord(url.searchParams),
      status: 0,
      apiKey: this.presentedKey(req),
      at: Date.now(),
    };
    this.log.push(entry);
    if (this.log.length > this.logLimit) this.log.shift();
    // Requests to this simulator carry no body worth reading; drain anything sent.
    req.resume();

    const fault = this.nextFault(url.pathname);
    if (fault) entry.fault = fault.kind;
    let result: RouteResult;
    switch (fault?.kind) {
      case 'reset':
        req.socket.destroy();
        return;
      case '429':
        result = jsonError(429, 'Too Many Requests', undefined, {
          'Retry-After': String(fault.retryAfterSeconds ?? 1),
        });
        break;
      case '500':
        result = jsonError(500, 'Internal Server Error');
        break;
      case '503':
        result = jsonError(
          503,
          'Service Unavailable: Delighted is down for scheduled maintenance. Please try again later.',
          undefined,
          fault.retryAfterSeconds === undefined
            ? undefined
            : { 'Retry-After': String(fault.retryAfterSeconds) },
        );
        break;
      default:
        if (fault?.kind === 'slow') {
          await this.sleep(fault.delayMs ?? 5000);
          if (!this.server || res.destroyed) {
            if (!res.destroyed) req.socket.destroy();
            return;
          }
        }
        result = this.route(req, url, entry.apiKey);
        if (fault?.kind === 'malformed') {
          const body = result.body.length >= 2 ? result.body : '[{"id":"1"}]';
          result = { status: 200, body: body.slice(0, Math.floor(body.length / 2)) };
        } else if (fault?.kind === 'empty-body') {
          result = { status: 200, body: '' };
        }
    }
    entry.status = result.status;
    this.send(res, result);
  }

  private presentedKey(req: IncomingMessage): string | null {
    const header = req.headers.authorization;
    if (!header) return null;
    const match = /^basic\s+(\S+)\s*$/i.exec(header);
    if (!match) return null;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? decoded : decoded.slice(0, colon);
  }

  private route(req: IncomingMessage, url: URL, apiKey: string | null): RouteResult {
    const path = url.pathname;
    if (path !== '/v1' && !path.startsWith('/v1/')) return jsonError(404, 'Not Found');
    if (apiKey === null || !this.keys.has(apiKey)) {
      return jsonError(401, 'Invalid API key', undefined, {
        'WWW-Authenticate': 'Basic realm="Delighted API"',
      });
    }
    if (!path.endsWith('.json') && !acceptsJson(req.headers.accept)) {
      return jsonError(406, 'Not Acceptable: use a .json path or Accept: application/json');
    }
    const name = path.replace(/\.json$/, '');
    if (req.method !== 'GET') return jsonError(404, 'Not Found');
    if (name === '/v1/survey_responses') return this.listRoute(url.searchParams);
    if (name === '/v1/metrics') return this.metricsRoute(url.searchParams);
    return jsonError(404, 'Not Found');
  }

  private readFilter(q: QueryReader, withUpdated: boolean): RowFilter {
    const filter: RowFilter = { since: q.integer('since', 0), until: q.integer('until', 0) };
    filter.trend = q.text('trend');
    if (withUpdated) {
      filter.updatedSince = q.integer('updated_since', 0);
      filter.updatedUntil = q.integer('updated_until', 0);
      const email = q.text('person_email');
      if (email !== undefined) filter.personEmail = normalizeEmail(email) ?? undefined;
    }
    return filter;
  }

  private listRoute(params: URLSearchParams): RouteResult {
    const q = new QueryReader(params);
    const page = q.integer('page', 1) ?? 1;
    // Above MAX_PER_PAGE is clamped (like the real API), below 1 is a 422.
    const perPage = Math.min(q.integer('per_page', 1) ?? DEFAULT_PER_PAGE, MAX_PER_PAGE);
    const order = q.oneOf('order', ['asc', 'desc'] as const) ?? 'asc';
    const filter = this.readFilter(q, true);
    const expand = q.expands('person');
    if (!q.valid) return jsonError(422, 'Validation failed', q.errors);

    const { source, offset, size } = this.index.select(filter);
    const start = (page - 1) * perPage;
    if (start >= size) return { status: 200, body: '[]' };
    const end = Math.min(size, start + perPage);
    const parts: string[] = [];
    for (let i = start; i < end; i++) {
      const row = source[offset + (order === 'desc' ? size - 1 - i : i)];
      parts.push(this.store.responseJson(row, expand));
    }
    return { status: 200, body: `[${parts.join(',')}]` };
  }

  private metricsRoute(params: URLSearchParams): RouteResult {
    const q = new QueryReader(params);
    const filter = this.readFilter(q, false);
    if (!q.valid) return jsonError(422, 'Validation failed', q.errors);
    return { status: 200, body: JSON.stringify(this.index.metrics(filter)) };
  }
}

export type {
  SimulatedDataOptions,
  SimulatedPersonInput,
  SimulatedPersonSummary,
  SimulatedResponseInput,
  SimulatedResponsePatch,
} from './simulated-responses';
export { listSimulatedPeople, generateSimulatedResponses } from './simulated-responses';
