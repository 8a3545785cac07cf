import { correlationInputsStatement } from '../src/analytics/correlations/correlations.sql';
import { AnalyticsSqlRunner } from '../src/analytics/sql/analytics-sql.runner';
import type { ResponseScope } from '../src/analytics/sql/response-scope.sql';
import { startSyncTestApp } from './support/delighted-fixtures';
import { TestApp, emailMatchedEnvironment } from './support/test-app';

const DAY_MS = 86_400_000;
const NAMES = ['Export', 'Login', 'Share'];

/** A small deterministic generator (mulberry32), so a failure reproduces. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface InputRow {
  name: string | null;
  x: number;
  score: number;
  users: number;
}

/**
 * Correlations up to now count each observation's events from user_latest_event_times (sorted
 * times per user and type); over a range with newer responses they are counted from events. Both
 * must give the same frequency tables for every window, including events exactly on its edges.
 */
describe('activity correlations over any window, from stored event times and from events', () => {
  let test: TestApp;
  let environmentId: string;
  const latest = new Map<string, number>();
  const responseTimes: number[] = [];

  beforeAll(async () => {
    test = await startSyncTestApp();
    const created = await emailMatchedEnvironment(test);
    environmentId = created.environmentId;
    const { keys, ingest } = created;
    const random = generator(42);
    const base = Date.parse('2026-06-01T00:00:00Z');
    const users = Array.from({ length: 24 }, (_, index) => `u${index}`);
    await ingest('/api/add_user_properties', {
      users: users.map((identity, index) => ({
        identity,
        properties: { email: `${identity}@x.com`, plan: index % 2 ? 'pro' : 'free' },
      })),
    });
    // One to three responses per user over the last 300 days; the latest is what counts.
    const responses = users.flatMap((identity, index) =>
      Array.from({ length: 1 + (index % 3) }, (_, nth) => {
        const time = base - Math.floor(random() * 300 * DAY_MS);
        responseTimes.push(time);
        latest.set(identity, Math.max(latest.get(identity) ?? 0, time));
        return {
          id: `${identity}-${nth}`,
          person: { id: identity, email: `${identity}@x.com` },
          score: Math.floor(random() * 11),
          created_at: time / 1000,
        };
      }),
    );
    // Events before and after the responses; some users exactly on a window's edges, and just
    // past them (the window is [t − W·24h, t)).
    const events = users.flatMap((identity) =>
      Array.from({ length: Math.floor(random() * 40) }, () => ({
        identity,
        event: NAMES[Math.floor(random() * NAMES.length)],
        timestamp: new Date(base - Math.floor(random() * 700 * DAY_MS)).toISOString(),
      })),
    );
    for (const identity of users.slice(0, 6)) {
      const t = latest.get(identity)!;
      for (const days of [1, 7, 90, 365]) {
        for (const offset of [0, 1, -1]) {
          events.push({
            identity,
            event: 'Edge',
            timestamp: new Date(t - days * DAY_MS - offset).toISOString(),
          });
        }
      }
    }
    // Half the events before the responses, half after: both write paths fill the table.
    await ingest('/api/track', { events: events.slice(0, events.length / 2) });
    await test.ok(
      keys.ARCHITECT,
      'mutation($env: ID!, $json: String) { importSurveyResponses(environmentId: $env, json: $json) { inserted } }',
      { env: environmentId, json: JSON.stringify(responses) },
    );
    await ingest('/api/track', { events: events.slice(events.length / 2) });
  });
  afterAll(() => test.close());

  const inputs = async (scope: ResponseScope, from: Date, to: Date, days: number, known: boolean) =>
    (
      await test.app
        .get(AnalyticsSqlRunner)
        .rows<InputRow>(correlationInputsStatement(scope, from, to, days, known))
    ).sort((a, b) => `${a.name}|${a.x}|${a.score}`.localeCompare(`${b.name}|${b.x}|${b.score}`));

  it.each([1, 7, 29, 31, 90, 180, 365])(
    'counts a %i-day window alike, with and without a filter',
    async (days) => {
      const to = new Date(Math.max(...responseTimes) + 1);
      for (const from of [
        new Date(to.getTime() - 400 * DAY_MS),
        new Date(to.getTime() - 60 * DAY_MS),
      ]) {
        for (const conditions of [[], [{ property: 'plan', equals: 'pro' }]]) {
          const scope = { environmentId, conditions };
          const fromTimes = await inputs(scope, from, to, days, true);
          expect(fromTimes).toEqual(await inputs(scope, from, to, days, false));
          expect(fromTimes.some((row) => row.name !== null)).toBe(true);
        }
      }
    },
  );

  it('counts an event exactly W days before the response and leaves out one a millisecond earlier', async () => {
    const to = new Date(Math.max(...responseTimes) + 1);
    const from = new Date(to.getTime() - 400 * DAY_MS);
    const scope = { environmentId, conditions: [] };
    // Six users carry Edge events at t − d·24h + {0, −1 ms, +1 ms} for d in 1, 7, 90, 365: a W-day
    // window holds, per user, two events for each d < W, and two for d = W (on the edge, and
    // a millisecond later); the one a millisecond earlier is out.
    const expected = (days: number) =>
      [1, 7, 90, 365].filter((d) => d < days).length * 3 + ([1, 7, 90, 365].includes(days) ? 2 : 0);
    for (const days of [1, 7, 90, 365]) {
      const edge = (await inputs(scope, from, to, days, true)).filter((row) => row.name === 'Edge');
      expect(new Set(edge.map((row) => row.x))).toEqual(new Set([expected(days)]));
      expect(edge.reduce((sum, row) => sum + row.users, 0)).toBe(6);
    }
  });
});
