import { spawn } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  DelightedSimulator,
  signWebhookBody,
  type SimulatedResponseInput,
} from '../tools/delighted-simulator/delighted-simulator';
import type {
  DelightedMetrics,
  DelightedPerson,
  DelightedSurveyResponse,
  DelightedWebhookPayload,
} from '../src/sources/delighted-api/delighted-api.types';
import { listSimulatedPeople } from '../tools/delighted-simulator/simulated-responses';

const KEY = 'test_key_123';
const T0 = 1_700_000_000;
const END_AT = 1_750_000_000;
const DAY = 86_400;

interface ApiResult<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

function basic(key: string): string {
  return `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
}

async function api<T = unknown>(
  sim: DelightedSimulator,
  path: string,
  query = '',
  options: { key?: string | null; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? KEY : options.key;
  if (key !== null) headers.Authorization = basic(key);
  const res = await fetch(`${sim.baseUrl}${path}${query ? `?${query}` : ''}`, {
    headers,
    signal: options.signal,
  });
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body: body as T };
}

async function list(sim: DelightedSimulator, query = '') {
  return api<DelightedSurveyResponse[]>(sim, '/survey_responses.json', query);
}

/** Follows page numbers until an empty page, like a client without Link headers must. */
async function fetchAll(sim: DelightedSimulator, query = ''): Promise<DelightedSurveyResponse[]> {
  const all: DelightedSurveyResponse[] = [];
  for (let page = 1; page < 10_000; page++) {
    const res = await list(sim, `per_page=100&page=${page}${query ? `&${query}` : ''}`);
    expect(res.status).toBe(200);
    if (res.body.length === 0) return all;
    all.push(...res.body);
  }
  throw new Error('paging never ended');
}

/** Test-side ordering: created_at, then numeric id (independent of the simulator's code). */
function byCreatedThenId(a: { created_at: number; id: string }, b: typeof a): number {
  if (a.created_at !== b.created_at) return a.created_at - b.created_at;
  const x = BigInt(a.id);
  const y = BigInt(b.id);
  return x < y ? -1 : x > y ? 1 : 0;
}

const EMAILS = [
  '  Alice.Smith@Example.COM ',
  'bob@example.com',
  'CAROL@EXAMPLE.ORG',
  ' dave@example.net',
  'Eve@Example.com  ',
];

interface FixtureRow extends SimulatedResponseInput {
  id: string;
  created_at: number;
  updated_at: number | null;
  trend: string | null;
  personId: string;
}

/** 47 responses in scrambled insertion order, incl. a created_at tie between ids '3' and '20'. */
function fixture(): FixtureRow[] {
  const rows: FixtureRow[] = [];
  for (let i = 0; i < 45; i++) {
    rows.push({
      id: String(500 + i),
      person: { id: `p${i % 5}`, email: EMAILS[i % 5], name: `Person ${i % 5}` },
      personId: `p${i % 5}`,
      score: i % 11,
      created_at: T0 + i * 100,
      updated_at: i % 3 === 0 ? null : T0 + i * 100 + (i % 4) * 1000,
      comment: i % 2 ? `comment ${i}` : null,
      trend: i % 4 === 0 ? '42' : null,
    });
  }
  for (const id of ['20', '3']) {
    rows.push({
      id,
      person: { id: 'p0', email: EMAILS[0] },
      personId: 'p0',
      score: 9,
      created_at: T0 + 1000,
      updated_at: null,
      trend: null,
    });
  }
  // Scramble deterministically: the simulator must sort.
  return rows
    .map((r, i) => ({ r, k: (i * 37) % 47 }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.r);
}

const RESPONSE_KEYS = [
  'id',
  'person',
  'survey_type',
  'score',
  'comment',
  'permalink',
  'created_at',
  'updated_at',
  'person_properties',
  'notes',
  'tags',
  'additional_answers',
];

function expectWireShape(r: DelightedSurveyResponse, expanded: boolean): void {
  expect(Object.keys(r)).toEqual(RESPONSE_KEYS);
  expect(typeof r.id).toBe('string');
  expect(r.id).not.toBe('');
  if (expanded) {
    const p = r.person as DelightedPerson;
    expect(typeof p).toBe('object');
    expect(Object.keys(p)).toEqual(['id', 'email', 'name', 'created_at', 'phone_number']);
    expect(typeof p.id).toBe('string');
    expect(p.email === null || typeof p.email === 'string').toBe(true);
    expect(p.name === null || typeof p.name === 'string').toBe(true);
    expect(Number.isInteger(p.created_at)).toBe(true);
    expect(p.phone_number === null || typeof p.phone_number === 'string').toBe(true);
    expect(p.email !== null || p.phone_number !== null).toBe(true);
  } else {
    expect(typeof r.person).toBe('string');
  }
  expect(typeof r.survey_type).toBe('string');
  expect(Number.isInteger(r.score)).toBe(true);
  expect(r.comment === null || typeof r.comment === 'string').toBe(true);
  expect(new URL(r.permalink).protocol).toBe('https:');
  expect(Number.isInteger(r.created_at)).toBe(true);
  expect(r.updated_at === null || Number.isInteger(r.updated_at)).toBe(true);
  expect(
    r.person_properties === null ||
      (typeof r.person_properties === 'object' && !Array.isArray(r.person_properties)),
  ).toBe(true);
  expect(Array.isArray(r.notes)).toBe(true);
  expect(Array.isArray(r.tags)).toBe(true);
  expect(Array.isArray(r.additional_answers)).toBe(true);
}

function personId(r: DelightedSurveyResponse): string {
  return typeof r.person === 'string' ? r.person : r.person.id;
}

describe('DelightedSimulator', () => {
  describe('lifecycle', () => {
    it('listens on 127.0.0.1 and stops cleanly', async () => {
      const sim = new DelightedSimulator({ apiKey: KEY, responses: 3 });
      expect(() => sim.baseUrl).toThrow();
      const url = await sim.start();
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      expect(sim.baseUrl).toBe(url);
      expect(sim.port).toBeGreaterThan(0);
      await expect(sim.start()).rejects.toThrow();
      expect((await list(sim)).status).toBe(200);
      await sim.stop();
      await expect(fetch(`${url}/survey_responses.json`)).rejects.toThrow();
    });

    it('starts on a requested port', async () => {
      const probe = new DelightedSimulator({ apiKey: KEY, responses: 1 });
      const port = Number(new URL(await probe.start()).port);
      await probe.stop();
      const sim = new DelightedSimulator({ apiKey: KEY, responses: 1 });
      try {
        expect(await sim.start(port)).toBe(`http://127.0.0.1:${port}/v1`);
      } finally {
        await sim.stop();
      }
    });
  });

  describe('auth, content negotiation, routing', () => {
    const sim = new DelightedSimulator({ apiKey: KEY, responses: 60, seed: 3, endAt: END_AT });
    beforeAll(() => sim.start());
    afterAll(() => sim.stop());

    it.each([
      ['missing', null],
      ['wrong', 'not_the_key'],
      ['empty', ''],
    ])('answers 401 JSON for a %s key', async (_label, key) => {
      const res = await api<{ status: number; message: string }>(
        sim,
        '/survey_responses.json',
        '',
        { key },
      );
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.body.status).toBe(401);
      expect(typeof res.body.message).toBe('string');
    });

    it('rejects non-Basic schemes and accepts the key as user with an empty password', async () => {
      const bearer = await api(sim, '/survey_responses.json', '', {
        key: null,
        headers: { Authorization: `Bearer ${KEY}` },
      });
      expect(bearer.status).toBe(401);
      const ok = await api(sim, '/metrics.json');
      expect(ok.status).toBe(200);
      expect(sim.requestLog[sim.requestLog.length - 1].apiKey).toBe(KEY);
    });

    it('rotates keys: added keys work, revoked keys get 401 mid-sync', async () => {
      const rotating = new DelightedSimulator({ apiKey: ['primary', 'old'], responses: 45 });
      await rotating.start();
      try {
        const page1 = await api<unknown[]>(rotating, '/survey_responses.json', 'page=1', {
          key: 'old',
        });
        expect(page1.status).toBe(200);
        expect(page1.body).toHaveLength(20);
        expect(rotating.revokeApiKey('old')).toBe(true);
        const page2 = await api(rotating, '/survey_responses.json', 'page=2', { key: 'old' });
        expect(page2.status).toBe(401);
        rotating.addApiKey('new');
        expect(rotating.apiKeys.sort()).toEqual(['new', 'primary']);
        const retry = await api<unknown[]>(rotating, '/survey_responses.json', 'page=2', {
          key: 'new',
        });
        expect(retry.status).toBe(200);
        expect(retry.body).toHaveLength(20);
        expect(rotating.apiKey).toBe('primary');
      } finally {
        await rotating.stop();
      }
    });

    it('answers 406 unless the path ends in .json or Accept is application/json', async () => {
      const plain = await api<{ status: number }>(sim, '/survey_responses');
      expect(plain.status).toBe(406);
      expect(plain.body.status).toBe(406);
      const html = await api(sim, '/survey_responses', '', { headers: { Accept: 'text/html' } });
      expect(html.status).toBe(406);
      const metrics = await api(sim, '/metrics', '', { headers: { Accept: '*/*' } });
      expect(metrics.status).toBe(406);

      const viaAccept = await api(sim, '/survey_responses', 'per_page=5', {
        headers: { Accept: 'application/json' },
      });
      const viaSuffix = await api(sim, '/survey_responses.json', 'per_page=5');
      expect(viaAccept.status).toBe(200);
      expect(viaAccept.text).toBe(viaSuffix.text);
      const listed = await api(sim, '/survey_responses', 'per_page=5', {
        headers: { Accept: 'text/html, application/json;q=0.9' },
      });
      expect(listed.status).toBe(200);
      const metricsJson = await api(sim, '/metrics', '', {
        headers: { Accept: 'application/json' },
      });
      expect(metricsJson.status).toBe(200);
    });

    it('answers 404 JSON for unknown routes and non-GET methods', async () => {
      const unknown = await api<{ status: number }>(sim, '/people_list.json');
      expect(unknown.status).toBe(404);
      expect(unknown.body.status).toBe(404);
      const res = await fetch(`${sim.baseUrl}/survey_responses.json`, {
        method: 'POST',
        headers: { Authorization: basic(KEY), 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(res.status).toBe(404);
      const outside = await fetch(sim.baseUrl.replace(/\/v1$/, '/v2/survey_responses.json'), {
        headers: { Authorization: basic(KEY) },
      });
      expect(outside.status).toBe(404);
    });
  });

  describe('paging and ordering', () => {
    const rows = fixture();
    const expected = [...rows].sort(byCreatedThenId).map((r) => r.id);
    const sim = new DelightedSimulator({ apiKey: KEY, responses: rows });
    beforeAll(() => sim.start());
    afterAll(() => sim.stop());

    it('lists oldest first, ties by numeric id, 20 per page by default, [] past the end', async () => {
      expect(rows).toHaveLength(47);
      const p1 = await list(sim);
      const p1b = await list(sim, 'page=1');
      const p2 = await list(sim, 'page=2');
      const p3 = await list(sim, 'page=3');
      const p4 = await list(sim, 'page=4');
      expect(p1.status).toBe(200);
      expect(p1.text).toBe(p1b.text);
      expect(p1.body.map((r) => r.id)).toEqual(expected.slice(0, 20));
      expect(p2.body.map((r) => r.id)).toEqual(expected.slice(20, 40));
      expect(p3.body.map((r) => r.id)).toEqual(expected.slice(40));
      expect(p3.body).toHaveLength(7);
      expect(p4.status).toBe(200);
      expect(p4.text).toBe('[]');
      expect((await list(sim, 'page=999999999999')).text).toBe('[]');
      expect(p1.headers.get('link')).toBeNull();
      // The tie: same created_at, '3' before '20' (numeric, not string, order).
      const ids = p1.body.map((r) => r.id);
      expect(ids.indexOf('3')).toBeGreaterThanOrEqual(0);
      expect(ids.indexOf('3')).toBeLessThan(ids.indexOf('20'));
      expect(ids.indexOf('20')).toBeLessThan(ids.indexOf('510'));
    });

    it('honours per_page and order=desc (and order=asc)', async () => {
      const small = await list(sim, 'per_page=7&page=3');
      expect(small.body.map((r) => r.id)).toEqual(expected.slice(14, 21));
      const desc = await fetchAll(sim, 'order=desc');
      expect(desc.map((r) => r.id)).toEqual([...expected].reverse());
      const descPage2 = await list(sim, 'order=desc&per_page=10&page=2');
      expect(descPage2.body.map((r) => r.id)).toEqual([...expected].reverse().slice(10, 20));
      const asc = await fetchAll(sim, 'order=asc');
      expect(asc.map((r) => r.id)).toEqual(expected);
    });

    it('clamps per_page above 100 to 100', async () => {
      const big = new DelightedSimulator({ apiKey: KEY, responses: 250, seed: 9, endAt: END_AT });
      await big.start();
      try {
        const clamped = await list(big, 'per_page=1000');
        expect(clamped.body).toHaveLength(100);
        expect((await list(big, 'per_page=101')).body).toHaveLength(100);
        const all = big.listResponses().map((r) => r.id);
        expect((await list(big, 'per_page=500&page=2')).body.map((r) => r.id)).toEqual(
          all.slice(100, 200),
        );
        expect((await list(big, 'per_page=100&page=3')).body).toHaveLength(50);
        expect((await list(big, 'per_page=100&page=4')).text).toBe('[]');
      } finally {
        await big.stop();
      }
    });

    it.each([
      ['per_page=0', 'per_page'],
      ['per_page=abc', 'per_page'],
      ['per_page=-5', 'per_page'],
      ['per_page=', 'per_page'],
      ['page=0', 'page'],
      ['page=1.5', 'page'],
      ['since=abc', 'since'],
      ['until=-1', 'until'],
      ['updated_since=yesterday', 'updated_since'],
      ['updated_until=1e9', 'updated_until'],
      ['order=sideways', 'order'],
      ['trend=', 'trend'],
      ['person_email=%20%20', 'person_email'],
    ])('answers 422 for %s', async (query, field) => {
      const res = await api<{ status: number; message: string; errors: Record<string, string[]> }>(
        sim,
        '/survey_responses.json',
        query,
      );
      expect(res.status).toBe(422);
      expect(res.body.status).toBe(422);
      expect(typeof res.body.message).toBe('string');
      expect(Object.keys(res.body.errors)).toEqual([field]);
      expect(res.body.errors[field].length).toBeGreaterThan(0);
      for (const message of res.body.errors[field]) expect(typeof message).toBe('string');
    });

    it('reports every invalid field at once, and validates metrics parameters', async () => {
      const res = await api<{ errors: Record<string, string[]> }>(
        sim,
        '/survey_responses.json',
        'page=x&per_page=0&since=no',
      );
      expect(res.status).toBe(422);
      expect(Object.keys(res.body.errors).sort()).toEqual(['page', 'per_page', 'since']);
      const metrics = await api<{ errors: Record<string, string[]> }>(
        sim,
        '/metrics.json',
        'until=soon',
      );
      expect(metrics.status).toBe(422);
      expect(Object.keys(metrics.body.errors)).toEqual(['until']);
    });
  });

  describe('filters and expand', () => {
    const rows = fixture();
    const sorted = [...rows].sort(byCreatedThenId);
    const sim = new DelightedSimulator({ apiKey: KEY, responses: rows });
    beforeAll(() => sim.start());
    afterAll(() => sim.stop());

    const ids = (predicate: (r: FixtureRow) => boolean) =>
      sorted.filter(predicate).map((r) => r.id);
    const got = async (query: string) => (await fetchAll(sim, query)).map((r) => r.id);

    it('since and until filter created_at, both inclusive', async () => {
      const since = T0 + 1000; // exactly the created_at of 510, '3' and '20'
      const until = T0 + 2000; // exactly the created_at of 520
      expect(await got(`since=${since}`)).toEqual(ids((r) => r.created_at >= since));
      expect(await got(`until=${until}`)).toEqual(ids((r) => r.created_at <= until));
      const window = await got(`since=${since}&until=${until}`);
      expect(window).toEqual(ids((r) => r.created_at >= since && r.created_at <= until));
      expect(window[0]).toBe('3');
      expect(window[window.length - 1]).toBe('520');
      expect(await got(`since=${until}&until=${since}`)).toEqual([]);
      expect(await got(`since=${T0 + 999_999}`)).toEqual([]);
    });

    it('updated_since and updated_until filter updated_at, inclusive; null never matches', async () => {
      const withUpdate = ids((r) => r.updated_at !== null);
      expect(withUpdate.length).toBeGreaterThan(0);
      expect(withUpdate.length).toBeLessThan(rows.length);
      expect(await got('updated_since=0')).toEqual(withUpdate);
      expect(await got(`updated_until=${T0 + 10_000_000}`)).toEqual(withUpdate);
      const updatedOf = (id: string) => rows.find((r) => r.id === id)?.updated_at as number;
      const a = updatedOf('511'); // T0 + 4100
      const b = updatedOf('541'); // T0 + 5100
      expect(b).toBeGreaterThan(a);
      expect(await got(`updated_since=${a}&updated_until=${b}`)).toEqual(
        ids((r) => r.updated_at !== null && r.updated_at >= a && r.updated_at <= b),
      );
      expect(await got(`updated_since=${a}&updated_until=${a}`)).toContain('511');
      expect(await got(`updated_since=${b}&since=${T0 + 2500}`)).toEqual(
        ids((r) => r.updated_at !== null && r.updated_at >= b && r.created_at >= T0 + 2500),
      );
    });

    it('trend filters by trend id; an unknown trend gives []', async () => {
      const trend = await got('trend=42');
      expect(trend).toEqual(ids((r) => r.trend === '42'));
      expect(trend.length).toBe(12);
      expect(await got('trend=43')).toEqual([]);
      expect(sim.trendOf('500')).toBe('42');
      expect(sim.trendOf('501')).toBeNull();
    });

    it('person_email matches case-insensitively after trimming', async () => {
      const alice = ids((r) => r.personId === 'p0');
      const query = `person_email=${encodeURIComponent('  ALICE.smith@example.com\t')}`;
      expect(await got(query)).toEqual(alice);
      expect(await got(`person_email=${encodeURIComponent('carol@example.org')}`)).toEqual(
        ids((r) => r.personId === 'p2'),
      );
      expect(await got('person_email=nobody%40example.com')).toEqual([]);
      expect(await got(`${query}&since=${T0 + 1000}&updated_since=0`)).toEqual(
        ids((r) => r.personId === 'p0' && r.created_at >= T0 + 1000 && r.updated_at !== null),
      );
    });

    it('person is an id unless expanded by expand[]=person, expand=person or expand%5B%5D=person', async () => {
      const bare = await list(sim, 'per_page=5');
      for (const r of bare.body) expectWireShape(r, false);
      const raw = await fetch(
        `${sim.baseUrl}/survey_responses.json?per_page=5&expand%5B%5D=person`,
        {
          headers: { Authorization: basic(KEY) },
        },
      );
      const encoded = (await raw.json()) as DelightedSurveyResponse[];
      for (const query of ['expand[]=person', 'expand=person', 'expand[]=notes&expand[]=person']) {
        const res = await list(sim, `per_page=5&${query}`);
        expect(res.body).toEqual(encoded);
      }
      for (const [i, r] of encoded.entries()) {
        expectWireShape(r, true);
        const person = r.person as DelightedPerson;
        expect(person.id).toBe(bare.body[i].person);
        const source = rows.find((x) => x.id === r.id) as FixtureRow;
        expect(person.email).toBe((source.person as { email: string }).email);
        expect({ ...r, person: person.id }).toEqual(bare.body[i]);
      }
      // The typed email comes back exactly as typed, spaces and case included.
      expect(encoded.some((r) => (r.person as DelightedPerson).email === EMAILS[0])).toBe(true);
      const ignored = await list(sim, 'per_page=5&expand[]=notes');
      for (const r of ignored.body) expect(typeof r.person).toBe('string');
    });
  });

  describe('generated data', () => {
    const options = { apiKey: KEY, responses: 5000, seed: 7, endAt: END_AT };
    const sim = new DelightedSimulator(options);
    const responses = sim.listResponses();
    const people = sim.listPeople();

    it('is deterministic for a seed and differs across seeds', () => {
      const again = new DelightedSimulator(options);
      expect(again.listResponses()).toEqual(responses);
      expect(again.listPeople()).toEqual(people);
      const other = new DelightedSimulator({ ...options, seed: 8 });
      expect(other.listResponses()).not.toEqual(responses);
      expect(listSimulatedPeople({ count: 5000, seed: 7, endAt: END_AT })).toEqual(people);
    });

    it('spreads created_at ascending over the last two years by default, with shared seconds', () => {
      expect(responses).toHaveLength(5000);
      for (let i = 1; i < responses.length; i++) {
        expect(byCreatedThenId(responses[i - 1], responses[i])).toBeLessThan(0);
      }
      const first = responses[0].created_at;
      const last = responses[responses.length - 1].created_at;
      expect(first).toBeGreaterThanOrEqual(END_AT - 730 * DAY);
      expect(first).toBeLessThan(END_AT - 720 * DAY);
      expect(last).toBeLessThanOrEqual(END_AT);
      expect(last).toBeGreaterThan(END_AT - 5 * DAY);
      const ties = responses.filter(
        (r, i) => i > 0 && r.created_at === responses[i - 1].created_at,
      );
      expect(ties.length).toBeGreaterThan(10);
      const ids = new Set(responses.map((r) => r.id));
      expect(ids.size).toBe(5000);
    });

    it('has updated and never-updated responses; comments mostly arrive with updates', () => {
      const never = responses.filter((r) => r.updated_at === null);
      const updated = responses.filter((r) => r.updated_at !== null);
      expect(never.length / responses.length).toBeGreaterThan(0.2);
      expect(never.length / responses.length).toBeLessThan(0.55);
      for (const r of updated) {
        expect(r.updated_at as number).toBeGreaterThanOrEqual(r.created_at);
        expect(r.updated_at as number).toBeLessThanOrEqual(END_AT);
      }
      expect(updated.some((r) => r.updated_at === r.created_at)).toBe(true);
      const nullShare = (list: DelightedSurveyResponse[]) =>
        list.filter((r) => r.comment === null).length / list.length;
      expect(nullShare(never)).toBeGreaterThan(0.7);
      expect(nullShare(updated)).toBeLessThan(0.5);
      expect(responses.some((r) => r.person_properties === null)).toBe(true);
      expect(responses.some((r) => r.person_properties !== null)).toBe(true);
      expect(responses.some((r) => r.tags.length > 0)).toBe(true);
      expect(responses.some((r) => r.additional_answers.length > 0)).toBe(true);
    });

    it('is mostly NPS with a few other survey types in their own score ranges', () => {
      const ranges: Record<string, [number, number]> = {
        nps: [0, 10],
        csat: [1, 5],
        ces: [1, 7],
        five_star: [1, 5],
      };
      const counts: Record<string, number> = {};
      for (const r of responses) {
        counts[r.survey_type] = (counts[r.survey_type] ?? 0) + 1;
        const [min, max] = ranges[r.survey_type];
        expect(Number.isInteger(r.score)).toBe(true);
        expect(r.score).toBeGreaterThanOrEqual(min);
        expect(r.score).toBeLessThanOrEqual(max);
      }
      expect(Object.keys(counts).sort()).toEqual(['ces', 'csat', 'five_star', 'nps']);
      expect(counts.nps / responses.length).toBeGreaterThan(0.8);
      const npsScores = new Set(
        responses.filter((r) => r.survey_type === 'nps').map((r) => r.score),
      );
      expect(npsScores.size).toBe(11);
    });

    it('has oddly typed emails, SMS-only people, repeat respondents and shared normalised emails', () => {
      const emails = people.map((p) => p.email).filter((e): e is string => e !== null);
      expect(emails.some((e) => e !== e.trim())).toBe(true);
      expect(emails.some((e) => /^\s/.test(e))).toBe(true);
      expect(emails.some((e) => /\s$/.test(e))).toBe(true);
      expect(emails.some((e) => e !== e.toLowerCase())).toBe(true);
      expect(emails.some((e) => e === e.trim().toLowerCase())).toBe(true);
      for (const p of people) {
        expect(p.normalizedEmail).toBe(p.email === null ? null : p.email.trim().toLowerCase());
        if (p.phoneNumber !== null) expect(p.phoneNumber).toMatch(/^\+\d{8,15}$/);
        if (p.email !== null) expect(p.email.trim()).toMatch(/^[^\s@]+@[^\s@]+\.[^\s@]+$/);
      }
      const smsOnly = people.filter((p) => p.email === null);
      expect(smsOnly.length).toBeGreaterThan(0);
      for (const p of smsOnly) expect(p.phoneNumber).not.toBeNull();
      expect(people.filter((p) => p.responseCount > 1).length).toBeGreaterThan(50);
      expect(people.reduce((n, p) => n + p.responseCount, 0)).toBe(5000);
      const byResponses = new Map<string, number>();
      for (const r of responses)
        byResponses.set(personId(r), (byResponses.get(personId(r)) ?? 0) + 1);
      for (const p of people) expect(byResponses.get(p.id) ?? 0).toBe(p.responseCount);
      const normalized = new Map<string, Set<string>>();
      for (const p of people) {
        if (p.normalizedEmail === null) continue;
        const set = normalized.get(p.normalizedEmail) ?? new Set<string>();
        set.add(p.id);
        normalized.set(p.normalizedEmail, set);
      }
      expect([...normalized.values()].some((set) => set.size > 1)).toBe(true);
    });

    it('finds a person by an oddly typed email over HTTP, across person ids', async () => {
      const odd = people.find(
        (p) => p.email !== null && p.email !== p.normalizedEmail && p.responseCount > 1,
      );
      expect(odd).toBeDefined();
      const target = odd!.normalizedEmail as string;
      const personIds = new Set(
        people.filter((p) => p.normalizedEmail === target).map((p) => p.id),
      );
      const expected = responses.filter((r) => personIds.has(personId(r))).map((r) => r.id);
      await sim.start();
      try {
        const query = `person_email=${encodeURIComponent(target.toUpperCase())}`;
        expect((await fetchAll(sim, query)).map((r) => r.id)).toEqual(expected);
        const shared = [...new Set(people.map((p) => p.normalizedEmail))].find(
          (e) => e !== null && people.filter((p) => p.normalizedEmail === e).length > 1,
        ) as string;
        const sharedIds = new Set(
          people.filter((p) => p.normalizedEmail === shared).map((p) => p.id),
        );
        const sharedGot = await fetchAll(sim, `person_email=${encodeURIComponent(shared)}`);
        expect(sharedGot.map((r) => r.id)).toEqual(
          responses.filter((r) => sharedIds.has(personId(r))).map((r) => r.id),
        );
        expect(new Set(sharedGot.map(personId)).size).toBeGreaterThan(1);
      } finally {
        await sim.stop();
      }
    });

    it('serves every generated response in the documented shape', async () => {
      const small = new DelightedSimulator({ ...options, responses: 1000 });
      await small.start();
      try {
        const bare = await fetchAll(small);
        const expanded = await fetchAll(small, 'expand[]=person');
        expect(bare).toEqual(small.listResponses());
        expect(expanded).toHaveLength(1000);
        const peopleById = new Map(small.listPeople().map((p) => [p.id, p]));
        for (const [i, r] of expanded.entries()) {
          expectWireShape(bare[i], false);
          expectWireShape(r, true);
          const person = r.person as DelightedPerson;
          expect(person.id).toBe(bare[i].person);
          expect(person.email).toBe(peopleById.get(person.id)?.email);
          expect(person.phone_number).toBe(peopleById.get(person.id)?.phoneNumber);
          expect(person.name).toBe(peopleById.get(person.id)?.name);
          expect(person.created_at).toBe(peopleById.get(person.id)?.createdAt);
          expect(small.getResponse(r.id, true)).toEqual(r);
        }
      } finally {
        await small.stop();
      }
    });

    it('uses the configured range and replaces data with setResponses and regenerate', () => {
      const custom = new DelightedSimulator({
        apiKey: KEY,
        responses: 200,
        seed: 2,
        endAt: T0,
        spanSeconds: 10 * DAY,
      });
      for (const r of custom.listResponses()) {
        expect(r.created_at).toBeGreaterThanOrEqual(T0 - 10 * DAY);
        expect(r.created_at).toBeLessThanOrEqual(T0);
      }
      custom.setResponses([{ id: '1', score: 5, created_at: T0 }]);
      expect(custom.responseCount).toBe(1);
      expect(custom.listResponses()[0]).toMatchObject({ id: '1', score: 5, updated_at: null });
      custom.regenerate({ count: 30, seed: 2 });
      expect(custom.responseCount).toBe(30);
      expect(() => custom.setResponses([{ id: '1' }, { id: '1' }])).toThrow(/duplicate/);
      expect(() => custom.setResponses([{ score: 11 }])).toThrow(RangeError);
      expect(() => custom.setResponses([{ survey_type: 'csat', score: 0 }])).toThrow(RangeError);
      expect(() => custom.setResponses([{ score: 7.5 }])).toThrow(TypeError);
    });
  });

  describe('mutation helpers', () => {
    let clock = T0 + 100_000;
    const rows = fixture();
    const sim = new DelightedSimulator({ apiKey: KEY, responses: rows, now: () => clock });
    beforeAll(() => sim.start());
    afterAll(() => sim.stop());

    it('addResponse assigns id and created_at and is served at once', async () => {
      const before = await fetchAll(sim);
      const added = sim.addResponse({
        score: 3,
        person: { email: ' New.Person@Example.com' },
        comment: null,
      });
      const maxId = Math.max(...rows.map((r) => Number(r.id)));
      expect(Number(added.id)).toBe(maxId + 1);
      expect(added.created_at).toBe(clock);
      expect(added.updated_at).toBeNull();
      expect(added.survey_type).toBe('nps');
      const after = await fetchAll(sim);
      expect(after).toHaveLength(before.length + 1);
      expect(after[after.length - 1]).toEqual(added);
      const byEmail = await fetchAll(sim, 'person_email=new.person%40example.com&expand=person');
      expect(byEmail.map((r) => r.id)).toEqual([added.id]);
      expect((byEmail[0].person as DelightedPerson).email).toBe(' New.Person@Example.com');

      // A response created in the past lands in created_at order, not at the end.
      const past = sim.addResponse({ id: '999', created_at: T0 + 150, person: 'p1' });
      const all = await fetchAll(sim);
      const i = all.findIndex((r) => r.id === '999');
      expect(all[i - 1].created_at).toBeLessThanOrEqual(T0 + 150);
      expect(all[i + 1].created_at).toBeGreaterThanOrEqual(T0 + 150);
      expect(past.person).toBe('p1');
      expect(sim.listResponses().map((r) => r.id)).toEqual(all.map((r) => r.id));
    });

    it('updateResponse sets updated_at to now, or to a past or repeated second', async () => {
      clock = T0 + 200_000;
      const windowQuery = `updated_since=${T0 + 150_000}`;
      const before = await fetchAll(sim, windowQuery); // also warms the filter cache
      expect(before).toEqual([]);
      const now = sim.updateResponse('500', { comment: 'Late comment ✨', score: 2 });
      expect(now.updated_at).toBe(clock);
      expect(now.comment).toBe('Late comment ✨');
      expect(now.score).toBe(2);
      const afterNow = await fetchAll(sim, windowQuery);
      expect(afterNow.map((r) => r.id)).toEqual(['500']);
      expect(afterNow[0].comment).toBe('Late comment ✨');

      // A late commit: an update stamped in the past (below a client's watermark).
      const pastAt = T0 + 120_000;
      sim.updateResponse('503', { comment: 'committed late' }, pastAt);
      sim.updateResponse('504', { score: 10 }, pastAt); // same second as 503
      const sameSecond = await fetchAll(sim, `updated_since=${pastAt}&updated_until=${pastAt}`);
      expect(sameSecond.map((r) => r.id)).toEqual(['503', '504']);
      expect((await fetchAll(sim, windowQuery)).map((r) => r.id)).toEqual(['500']);

      // Moving an update's time moves it out of a cached window.
      sim.updateResponse('500', {}, T0 + 100_001);
      expect(await fetchAll(sim, windowQuery)).toEqual([]);
      expect(sim.getResponse('500').updated_at).toBe(T0 + 100_001);
      expect(sim.listResponses().find((r) => r.id === '503')?.updated_at).toBe(pastAt);
    });

    it('rejects unknown ids and invalid changes', () => {
      expect(() => sim.updateResponse('nope', { score: 1 })).toThrow(/unknown/);
      expect(() => sim.updateResponse('501', { score: 11 })).toThrow(RangeError);
      expect(() => sim.addResponse({ id: '501' })).toThrow(/duplicate/);
    });
  });

  describe('metrics', () => {
    const sim = new DelightedSimulator({ apiKey: KEY, responses: 3000, seed: 11, endAt: END_AT });
    beforeAll(() => sim.start());
    afterAll(() => sim.stop());

    function expectedMetrics(rows: DelightedSurveyResponse[]): DelightedMetrics {
      const nps = rows.filter((r) => r.survey_type === 'nps');
      const promoters = nps.filter((r) => r.score >= 9).length;
      const detractors = nps.filter((r) => r.score <= 6).length;
      const passives = nps.length - promoters - detractors;
      const pct = (n: number) => (nps.length === 0 ? 0 : Math.round((n * 100) / nps.length));
      return {
        nps: nps.length === 0 ? 0 : Math.round(((promoters - detractors) * 100) / nps.length),
        promoter_count: promoters,
        promoter_percent: pct(promoters),
        passive_count: passives,
        passive_percent: pct(passives),
        detractor_count: detractors,
        detractor_percent: pct(detractors),
        response_count: nps.length,
      };
    }

    it('computes NPS over NPS responses only', async () => {
      const all = sim.listResponses();
      const res = await api<DelightedMetrics>(sim, '/metrics.json');
      expect(res.status).toBe(200);
      expect(res.body).toEqual(expectedMetrics(all));
      expect(res.body.response_count).toBeLessThan(all.length);
      for (const value of Object.values(res.body)) expect(Number.isInteger(value)).toBe(true);
    });

    it('honours since, until (inclusive) and trend', async () => {
      const all = sim.listResponses();
      const since = all[1000].created_at;
      const until = all[2000].created_at;
      const windowed = await api<DelightedMetrics>(
        sim,
        '/metrics.json',
        `since=${since}&until=${until}`,
      );
      expect(windowed.body).toEqual(
        expectedMetrics(all.filter((r) => r.created_at >= since && r.created_at <= until)),
      );
      const trended = await api<DelightedMetrics>(
        sim,
        '/metrics.json',
        `trend=1001&since=${since}`,
      );
      expect(trended.body).toEqual(
        expectedMetrics(all.filter((r) => sim.trendOf(r.id) === '1001' && r.created_at >= since)),
      );
      expect(trended.body.response_count).toBeGreaterThan(0);
      expect(trended.body.response_count).toBeLessThan(windowed.body.response_count * 2);
      const empty = await api<DelightedMetrics>(sim, '/metrics.json', `since=${END_AT + 1}`);
      expect(empty.body).toEqual({
        nps: 0,
        promoter_count: 0,
        promoter_percent: 0,
        passive_count: 0,
        passive_percent: 0,
        detractor_count: 0,
        detractor_percent: 0,
        response_count: 0,
      });
    });

    it('rounds with Math.round and reflects updates', async () => {
      const small = new DelightedSimulator({
        apiKey: KEY,
        responses: [
          { id: '1', score: 10, created_at: T0 },
          { id: '2', score: 9, created_at: T0 },
          { id: '3', score: 8, created_at: T0 },
          { id: '4', score: 0, created_at: T0 },
          { id: '5', score: 3, created_at: T0 },
          { id: '6', score: 6, created_at: T0 },
          { id: '7', score: 7, created_at: T0 },
          { id: '8', survey_type: 'csat', score: 1, created_at: T0 },
        ],
      });
      await small.start();
      try {
        // 2 promoters, 2 passives, 3 detractors of 7: 28.57→29, 28.57→29, 42.86→43; NPS -14.29→-14.
        const res = await api<DelightedMetrics>(small, '/metrics.json');
        expect(res.body).toEqual({
          nps: -14,
          promoter_count: 2,
          promoter_percent: 29,
          passive_count: 2,
          passive_percent: 29,
          detractor_count: 3,
          detractor_percent: 43,
          response_count: 7,
        });
        small.updateResponse('4', { score: 10 }, T0 + 5);
        const after = await api<DelightedMetrics>(small, '/metrics.json');
        expect(after.body).toEqual(expectedMetrics(small.listResponses()));
        // 3 promoters, 2 passives, 2 detractors of 7: NPS 14.29 → 14, promoters 42.86 → 43.
        expect(after.body.nps).toBe(14);
        expect(after.body.promoter_percent).toBe(43);
      } finally {
        await small.stop();
      }
    });
  });

  describe('webhooks', () => {
    const sim = new DelightedSimulator({ apiKey: KEY, responses: 50, seed: 5, endAt: END_AT });
    let receiver: Server;
    let target: string;
    const received: Array<{ headers: IncomingHttpHeaders; raw: Buffer }> = [];

    beforeAll(async () => {
      receiver = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          received.push({ headers: req.headers, raw: Buffer.concat(chunks) });
          res.writeHead(received.length % 2 ? 200 : 202).end('ok');
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/delighted`;
    });
    afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
    beforeEach(() => {
      received.length = 0;
    });

    const hmac = (raw: Buffer, key: string) => createHmac('sha256', key).update(raw).digest('hex');
    const verifies = (raw: Buffer, header: string | undefined, key: string): boolean => {
      const expected = Buffer.from(`sha256=${hmac(raw, key)}`);
      const given = Buffer.from(header ?? '');
      return given.length === expected.length && timingSafeEqual(given, expected);
    };

    it('POSTs {event_type, event_id, event_data} with person expanded, signed over the raw body', async () => {
      const id = sim.listResponses()[7].id;
      sim.updateResponse(id, { comment: 'Très bien ❤️ "quoted"' }, END_AT - 10);
      const delivery = await sim.sendWebhook(target, 'survey_response.updated', id);
      expect(delivery.status).toBe(200);
      expect(delivery.responseBody).toBe('ok');
      expect(received).toHaveLength(1);
      const { headers, raw } = received[0];
      expect(headers['content-type']).toMatch(/^application\/json/);
      const signature = headers['x-delighted-webhook-signature'] as string;
      expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(verifies(raw, signature, KEY)).toBe(true);
      expect(signature).toBe(`sha256=${hmac(raw, KEY)}`);
      expect(signWebhookBody(raw.toString('utf8'), KEY)).toBe(signature);
      expect(delivery.signature).toBe(signature);
      expect(delivery.rawBody).toBe(raw.toString('utf8'));

      const payload = JSON.parse(raw.toString('utf8')) as DelightedWebhookPayload;
      expect(Object.keys(payload)).toEqual(['event_type', 'event_id', 'event_data']);
      expect(payload.event_type).toBe('survey_response.updated');
      expect(typeof payload.event_id).toBe('string');
      expect(payload.event_id.length).toBeGreaterThan(0);
      expectWireShape(payload.event_data, true);
      expect(payload.event_data).toEqual(sim.getResponse(id, true));
      expect(payload.event_data.comment).toBe('Très bien ❤️ "quoted"');
      expect(payload.event_data.person.id).toBe(sim.getResponse(id).person);
    });

    it('signs with another key on request, and sends bad or missing signatures on request', async () => {
      const response = sim.listResponses()[3];
      await sim.sendWebhook(target, 'survey_response.created', response, { signWith: 'other' });
      await sim.sendWebhook(target, 'survey_response.created', response, { badSignature: true });
      await sim.sendWebhook(target, 'survey_response.created', response, { omitSignature: true });
      expect(received).toHaveLength(3);
      const [other, bad, none] = received;
      expect(
        verifies(other.raw, other.headers['x-delighted-webhook-signature'] as string, 'other'),
      ).toBe(true);
      expect(
        verifies(other.raw, other.headers['x-delighted-webhook-signature'] as string, KEY),
      ).toBe(false);
      const badHeader = bad.headers['x-delighted-webhook-signature'] as string;
      expect(badHeader).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(verifies(bad.raw, badHeader, KEY)).toBe(false);
      expect(none.headers['x-delighted-webhook-signature']).toBeUndefined();
      const payload = JSON.parse(other.raw.toString('utf8')) as DelightedWebhookPayload;
      expect(payload.event_data).toEqual(sim.getResponse(response.id, true));
      expect(payload.event_data.person.id).toBe(response.person);
    });

    it('signs the exact raw bytes sent, and can redeliver an event id', async () => {
      const id = sim.listResponses()[0].id;
      const payload = sim.buildWebhookPayload('survey_response.created', id, 'evt-fixed');
      const pretty = JSON.stringify(payload, null, 2);
      const first = await sim.sendWebhook(target, 'survey_response.created', id, {
        eventId: 'evt-fixed',
        rawBody: pretty,
      });
      const again = await sim.sendWebhook(target, 'survey_response.created', id, {
        eventId: 'evt-fixed',
      });
      expect(first.status).toBe(200);
      expect(again.status).toBe(202);
      expect(received[0].raw.toString('utf8')).toBe(pretty);
      expect(
        verifies(
          received[0].raw,
          received[0].headers['x-delighted-webhook-signature'] as string,
          KEY,
        ),
      ).toBe(true);
      // Re-serialising the parsed body would not verify: receivers must use the raw bytes.
      const reserialised = Buffer.from(JSON.stringify(JSON.parse(pretty)));
      expect(
        verifies(reserialised, received[0].headers['x-delighted-webhook-signature'] as string, KEY),
      ).toBe(false);
      expect(JSON.parse(received[1].raw.toString('utf8')).event_id).toBe('evt-fixed');
      expect(signWebhookBody('', 'k')).toBe(`sha256=${createHmac('sha256', 'k').digest('hex')}`);
    });
  });

  describe('fault injection', () => {
    const sim = new DelightedSimulator({ apiKey: KEY, responses: 30, seed: 4, endAt: END_AT });
    beforeAll(() => sim.start());
    afterAll(() => sim.stop());
    afterEach(() => sim.clearFaults());

    it('429 carries Retry-After and the documented body, once', async () => {
      sim.injectFaults([{ kind: '429', retryAfterSeconds: 7 }, { kind: '429' }]);
      expect(sim.pendingFaults).toBe(2);
      const first = await list(sim);
      expect(first.status).toBe(429);
      expect(first.headers.get('retry-after')).toBe('7');
      expect(first.body).toEqual({ status: 429, message: 'Too Many Requests' });
      const second = await list(sim);
      expect(second.status).toBe(429);
      expect(second.headers.get('retry-after')).toBe('1');
      expect(sim.pendingFaults).toBe(0);
      expect((await list(sim)).status).toBe(200);
    });

    it('500 and 503 (maintenance) answer JSON errors in queue order', async () => {
      sim.injectFaults([{ kind: '500' }, { kind: '503' }]);
      const a = await list(sim);
      const b = await list(sim);
      const c = await list(sim);
      expect(a.status).toBe(500);
      expect((a.body as unknown as { status: number }).status).toBe(500);
      expect(b.status).toBe(503);
      expect((b.body as unknown as { status: number }).status).toBe(503);
      expect(b.text).toMatch(/maintenance/i);
      expect(c.status).toBe(200);
    });

    it('slow delays the answer, which still arrives intact; clients may time out', async () => {
      sim.injectFaults([{ kind: 'slow', delayMs: 400 }]);
      const started = Date.now();
      const res = await list(sim, 'per_page=3');
      expect(Date.now() - started).toBeGreaterThanOrEqual(380);
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(3);

      sim.injectFaults([{ kind: 'slow', delayMs: 2000 }]);
      await expect(
        api(sim, '/survey_responses.json', '', { signal: AbortSignal.timeout(150) }),
      ).rejects.toThrow();
      const quick = Date.now();
      expect((await list(sim)).status).toBe(200);
      expect(Date.now() - quick).toBeLessThan(1000);
    });

    it('malformed answers 200 with invalid JSON', async () => {
      sim.injectFaults([{ kind: 'malformed' }]);
      const res = await list(sim);
      expect(res.status).toBe(200);
      expect(res.text.length).toBeGreaterThan(0);
      expect(() => JSON.parse(res.text)).toThrow();
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    });

    it('reset destroys the connection without an answer', async () => {
      sim.injectFaults([{ kind: 'reset' }]);
      await expect(list(sim)).rejects.toThrow();
      expect(sim.requestLog[sim.requestLog.length - 1]).toMatchObject({
        fault: 'reset',
        status: 0,
      });
      expect((await list(sim)).status).toBe(200);
    });

    it('empty-body answers 200 with nothing to parse', async () => {
      sim.injectFaults([{ kind: 'empty-body' }]);
      const res = await list(sim);
      expect(res.status).toBe(200);
      expect(res.text).toBe('');
      expect(res.headers.get('content-length')).toBe('0');
      expect((await list(sim)).text.length).toBeGreaterThan(2);
    });

    it('applies only to requests on the given path', async () => {
      sim.injectFaults([
        { kind: '500', path: '/v1/metrics' },
        { kind: '503', path: /page=/ },
      ]);
      expect((await list(sim)).status).toBe(200);
      expect((await api(sim, '/metrics.json')).status).toBe(500);
      expect((await api(sim, '/metrics.json')).status).toBe(200);
      // A RegExp is tested against the path only (no query), so this one never matches.
      expect((await list(sim, 'page=2')).status).toBe(200);
      expect(sim.pendingFaults).toBe(1);
      sim.clearFaults();
      sim.injectFaults([{ kind: '503', path: /^\/v1\/survey_responses(\.json)?$/ }]);
      expect((await api(sim, '/metrics.json')).status).toBe(200);
      expect((await list(sim)).status).toBe(503);
    });

    it('storm mode is probabilistic but reproducible for a seed', async () => {
      const statuses = async (s: DelightedSimulator) => {
        const out: number[] = [];
        for (let i = 0; i < 300; i++) out.push((await list(s, 'per_page=1')).status);
        return out;
      };
      sim.setFaultRate({ '429': 0.1, '500': 0.05 }, 42);
      const a = await statuses(sim);
      const twin = new DelightedSimulator({ apiKey: KEY, responses: 30, seed: 4, endAt: END_AT });
      await twin.start();
      try {
        twin.setFaultRate({ '500': 0.05, '429': 0.1 }, 42);
        expect(await statuses(twin)).toEqual(a);
        twin.setFaultRate({ '429': 0.1, '500': 0.05 }, 43);
        expect(await statuses(twin)).not.toEqual(a);
      } finally {
        await twin.stop();
      }
      const count = (s: number) => a.filter((x) => x === s).length;
      expect(count(429)).toBeGreaterThan(10);
      expect(count(429)).toBeLessThan(60);
      expect(count(500)).toBeGreaterThan(3);
      expect(count(500)).toBeLessThan(35);
      expect(count(200)).toBe(300 - count(429) - count(500));
      sim.clearFaults();
      expect(new Set(await statuses(sim))).toEqual(new Set([200]));
      expect(() => sim.setFaultRate({ '429': 0.7, '500': 0.5 })).toThrow(RangeError);
      expect(() => sim.injectFaults([{ kind: 'teapot' as never }])).toThrow(TypeError);
    });
  });

  describe('request log', () => {
    it('records method, path, query and status, bounded, and counts every request', async () => {
      const sim = new DelightedSimulator({ apiKey: KEY, responses: 5, requestLogLimit: 5 });
      await sim.start();
      try {
        for (let i = 1; i <= 6; i++) await list(sim, `page=${i}`);
        await api(sim, '/survey_responses.json', 'expand[]=person&expand[]=notes', { key: 'bad' });
        sim.injectFaults([{ kind: '429' }]);
        await api(sim, '/metrics.json', 'since=5');
        expect(sim.requestCount).toBe(8);
        expect(sim.requestLog).toHaveLength(5);
        expect(sim.requestLog.map((e) => e.status)).toEqual([200, 200, 200, 401, 429]);
        const [, , third, rejected, limited] = sim.requestLog;
        expect(third).toMatchObject({
          method: 'GET',
          path: '/v1/survey_responses.json',
          query: { page: '6' },
          apiKey: KEY,
        });
        expect(rejected.query).toEqual({ 'expand[]': ['person', 'notes'] });
        expect(rejected.apiKey).toBe('bad');
        expect(limited).toMatchObject({ path: '/v1/metrics.json', fault: '429', status: 429 });
        sim.clearRequestLog();
        expect(sim.requestCount).toBe(0);
        expect(sim.requestLog).toHaveLength(0);
      } finally {
        await sim.stop();
      }
    });
  });

  describe('CLI', () => {
    it('starts the simulator and prints its base URL', async () => {
      const script = join(__dirname, '..', 'scripts', 'delighted-simulator.ts');
      const child = spawn(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', script, '--port', '0', '--responses', '40',
          '--seed', '1', '--api-key', 'demo_key'], // prettier-ignore
        { cwd: join(__dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'] },
      );
      try {
        const url = await new Promise<string>((resolve, reject) => {
          let out = '';
          child.stdout.on('data', (chunk: Buffer) => {
            out += chunk.toString('utf8');
            const line = out.split('\n').find((l) => l.startsWith('http'));
            if (line) resolve(line.trim());
          });
          child.once('exit', (code) => reject(new Error(`CLI exited with ${code}`)));
        });
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
        const res = await fetch(`${url}/survey_responses.json?per_page=100`, {
          headers: { Authorization: basic('demo_key') },
        });
        expect(res.status).toBe(200);
        expect((await res.json()) as unknown[]).toHaveLength(40);
      } finally {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        if (child.exitCode === null) child.kill('SIGTERM');
        await exited;
      }
    }, 30_000);
  });

  describe('scale', () => {
    it('generates 1,000,000 responses and pages through them correctly', async () => {
      const sim = new DelightedSimulator({
        apiKey: KEY,
        responses: 1_000_000,
        seed: 1,
        endAt: END_AT,
      });
      expect(sim.responseCount).toBe(1_000_000);
      await sim.start();
      try {
        const first = await list(sim, 'per_page=100');
        expect(first.body).toHaveLength(100);
        for (let i = 1; i < 100; i++) {
          expect(byCreatedThenId(first.body[i - 1], first.body[i])).toBeLessThan(0);
        }
        const last = await list(sim, 'per_page=100&page=10000');
        expect(last.body).toHaveLength(100);
        expect((await list(sim, 'per_page=100&page=10001')).text).toBe('[]');
        const newest = await list(sim, 'per_page=100&order=desc');
        expect(newest.body.map((r) => r.id)).toEqual(last.body.map((r) => r.id).reverse());
        expect(newest.body[0].created_at).toBeLessThanOrEqual(END_AT);
        expect(last.body[0].created_at).toBeGreaterThan(first.body[99].created_at);

        // A middle page: consecutive with its neighbours.
        const p5000 = await list(sim, 'per_page=100&page=5000');
        const p5001 = await list(sim, 'per_page=100&page=5001');
        expect(byCreatedThenId(p5000.body[99], p5001.body[0])).toBeLessThan(0);
        for (const r of p5000.body) expectWireShape(r, false);

        // An updated_since window: every row matches, pages are contiguous and ordered.
        const since = END_AT - 30 * DAY;
        const pages: DelightedSurveyResponse[][] = [];
        for (let page = 1; page <= 3; page++) {
          pages.push(
            (await list(sim, `per_page=100&page=${page}&updated_since=${since}&expand[]=person`))
              .body,
          );
        }
        const rows = pages.flat();
        expect(rows).toHaveLength(300);
        for (const r of rows) {
          expect(r.updated_at).not.toBeNull();
          expect(r.updated_at as number).toBeGreaterThanOrEqual(since);
          expect(typeof r.person).toBe('object');
        }
        for (let i = 1; i < rows.length; i++) {
          expect(byCreatedThenId(rows[i - 1], rows[i])).toBeLessThan(0);
        }
        // Nothing skipped between the first two matches: compare with a since/until scan.
        const between = await fetchAll(
          sim,
          `since=${rows[0].created_at}&until=${rows[1].created_at}`,
        );
        const expectedIds = between
          .filter((r) => r.updated_at !== null && r.updated_at >= since)
          .map((r) => r.id);
        expect(expectedIds).toEqual([rows[0].id, rows[1].id]);

        // Live changes at scale show up in the (cached) window at once.
        const target = p5000.body[0];
        sim.updateResponse(target.id, { comment: 'updated at scale' }, END_AT);
        const recent = await list(sim, `per_page=100&updated_since=${END_AT}`);
        expect(recent.body.map((r) => r.id)).toContain(target.id);
        const metrics = await api<DelightedMetrics>(sim, '/metrics.json');
        expect(metrics.body.response_count).toBeGreaterThan(800_000);
        expect(metrics.body.response_count).toBeLessThan(1_000_000);
      } finally {
        await sim.stop();
      }
    }, 60_000);
  });
});
