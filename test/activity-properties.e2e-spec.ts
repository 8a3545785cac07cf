import fc from 'fast-check';
import { TestApp, createEnvironmentWithKeys } from './support/test-app';
import { startSyncTestApp } from './support/delighted-fixtures';

const DAY = 86_400;
const BASE = Date.parse('2026-01-01T00:00:00Z') / 1000;
const USERS = ['u0', 'u1', 'u2', 'u3', 'u4'];
const TYPES = ['A', 'B', 'C'];

interface Response {
  person: string;
  score: number;
  /** Seconds after BASE. */
  at: number;
}
interface Activity {
  user: string;
  name: string;
  at: number;
}

/** Person pN answers with email uN@x.com; p5 matches no user. */
const userOf = (person: string) => (person === 'p5' ? null : `u${person.slice(1)}`);

/** Events of `user` (of `types`, else every type) in [t − days·24 h, t). */
function eventsBefore(
  events: Activity[],
  user: string,
  t: number,
  days: number,
  types: string[] | null,
) {
  return events.filter(
    (event) =>
      event.user === user &&
      event.at >= t - days * DAY &&
      event.at < t &&
      (types === null || types.includes(event.name)),
  ).length;
}

/** docs/nps-method.md, straightforwardly: observations, per type the split and Pearson's r. */
function referenceCorrelations(
  responses: Response[],
  events: Activity[],
  from: number,
  to: number,
  days: number,
) {
  const latest = new Map<string, Response>();
  for (const response of responses) {
    const user = userOf(response.person);
    if (!user || response.at < from || response.at >= to) continue;
    const current = latest.get(user);
    if (!current || response.at > current.at) latest.set(user, response);
  }
  const observations = [...latest.entries()];
  const nps = (scores: number[]) =>
    scores.length === 0
      ? null
      : (100 * (scores.filter((s) => s >= 9).length - scores.filter((s) => s <= 6).length)) /
        scores.length;
  const rows = new Map<
    string,
    { usersWith: number; pearson: number | null; npsWith: number | null; npsWithout: number | null }
  >();
  for (const type of TYPES) {
    const xs = observations.map(([user, response]) =>
      eventsBefore(events, user, response.at, days, [type]),
    );
    const ys = observations.map(([, response]) => response.score);
    const usersWith = xs.filter((x) => x > 0).length;
    if (usersWith === 0 || usersWith === observations.length) continue;
    const n = xs.length;
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / n;
    const [mx, my] = [mean(xs), mean(ys)];
    const cov = xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i] - my), 0);
    const vx = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
    const vy = ys.reduce((sum, y) => sum + (y - my) ** 2, 0);
    rows.set(type, {
      usersWith,
      // Two points always lie on a line: r (and its n − 2 degrees of freedom) needs three.
      pearson: n < 3 || vx === 0 || vy === 0 ? null : cov / Math.sqrt(vx * vy),
      npsWith: nps(ys.filter((_, i) => xs[i] > 0)),
      npsWithout: nps(ys.filter((_, i) => xs[i] === 0)),
    });
  }
  return { observations: observations.length, rows };
}

/** Responses in [from, to) per engagement tier label (thresholds 1, 5, 20; unmatched: unknown). */
function referenceTiers(
  responses: Response[],
  events: Activity[],
  from: number,
  to: number,
  days: number,
) {
  const labels = ['0', '1–4', '5–19', '20+'];
  const totals: Record<string, number> = {};
  for (const response of responses) {
    if (response.at < from || response.at >= to) continue;
    const user = userOf(response.person);
    const x = user ? eventsBefore(events, user, response.at, days, null) : null;
    const label = x === null ? 'unknown' : labels[[1, 5, 20].filter((t) => x >= t).length];
    totals[label] = (totals[label] ?? 0) + 1;
  }
  return totals;
}

describe('activity figures agree with a reference implementation, whatever the order of writes', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startSyncTestApp();
  });
  afterAll(() => test.close());

  const response = fc.record({
    person: fc.constantFrom('p0', 'p1', 'p2', 'p3', 'p4', 'p5'),
    score: fc.integer({ min: 0, max: 10 }),
    at: fc.integer({ min: 0, max: 60 * DAY }),
  });
  const activity = fc.record({
    user: fc.constantFrom(...USERS),
    name: fc.constantFrom(...TYPES),
    at: fc.integer({ min: -35 * DAY, max: 60 * DAY }),
  });

  it('activityCorrelations and engagement tiers, over the 30-day table and counted windows', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(response, { minLength: 1, maxLength: 14, selector: (item) => item.at }),
        fc.array(activity, { maxLength: 40 }),
        // Events exactly on window edges of some responses: t − 30 d (inside), t (outside), t − 7 d.
        fc.array(
          fc.tuple(fc.nat(), fc.constantFrom(0, 7 * DAY, 30 * DAY), fc.constantFrom(...TYPES)),
          {
            minLength: 1,
            maxLength: 6,
          },
        ),
        fc.constantFrom('users-first', 'users-last'),
        fc.constantFrom('events-first', 'responses-first', 'interleaved'),
        fc.constantFrom(30, 7),
        fc.boolean(),
        async (responses, randomEvents, edges, userOrder, writeOrder, days, pastNewest) => {
          const events = [
            ...randomEvents,
            ...edges.flatMap(([index, offset, name]) => {
              const target = responses[index % responses.length];
              const user = userOf(target.person);
              return user ? [{ user, name, at: target.at - offset }] : [];
            }),
          ];
          const { environmentId, keys } = await createEnvironmentWithKeys(test);
          await test.ok(
            keys.ADMIN,
            'mutation($env: ID!) { setEmailProperty(environmentId: $env, property: "email") { id } }',
            { env: environmentId },
          );
          const addUsers = () =>
            test.http
              .post('/api/add_user_properties')
              .set('authorization', `Bearer ${keys.INGEST}`)
              .send({
                app_id: environmentId,
                users: USERS.map((user) => ({
                  identity: user,
                  properties: { email: `${user}@x.com` },
                })),
              })
              .expect(200);
          const track = async (batch: Activity[]) => {
            if (batch.length === 0) return;
            await test.http
              .post('/api/track')
              .set('authorization', `Bearer ${keys.INGEST}`)
              .send({
                app_id: environmentId,
                events: batch.map((event) => ({
                  identity: event.user,
                  event: event.name,
                  timestamp: new Date((BASE + event.at) * 1000).toISOString(),
                })),
              })
              .expect(200);
          };
          const importResponses = async (batch: Response[]) => {
            if (batch.length === 0) return;
            await test.ok(
              keys.ARCHITECT,
              'mutation($env: ID!, $json: String) { importSurveyResponses(environmentId: $env, json: $json) { inserted } }',
              {
                env: environmentId,
                json: JSON.stringify(
                  batch.map((item) => ({
                    id: `r${item.at}`,
                    person: {
                      id: item.person,
                      email:
                        item.person === 'p5' ? 'nobody@y.com' : `u${item.person.slice(1)}@x.com`,
                    },
                    score: item.score,
                    created_at: BASE + item.at,
                    updated_at: null,
                  })),
                ),
              },
            );
          };
          if (userOrder === 'users-first') await addUsers();
          const half = (items: unknown[]) => Math.ceil(items.length / 2);
          if (writeOrder === 'events-first') {
            await track(events);
            await importResponses(responses);
          } else if (writeOrder === 'responses-first') {
            await importResponses(responses);
            await track(events);
          } else {
            await track(events.slice(0, half(events)));
            await importResponses(responses.slice(0, half(responses)));
            await track(events.slice(half(events)));
            await importResponses(responses.slice(half(responses)));
          }
          if (userOrder === 'users-last') await addUsers();

          const from = 10 * DAY;
          // Weeks in a +05:30 zone from 05:13 UTC: no bucket edge on a UTC midnight, so the daily
          // histogram answers whole days and response rows the rest.
          const zonedFrom = from - 5 * DAY + 5 * 3600 + 13 * 60;
          const to = pastNewest ? 70 * DAY : 45 * DAY;
          const iso = (seconds: number) => new Date((BASE + seconds) * 1000).toISOString();
          const result = await test.ok<{
            environment: {
              activityCorrelations: Array<{
                eventType: string;
                observations: number;
                usersWith: number;
                pearson: number | null;
                npsWith: number | null;
                npsWithout: number | null;
              }>;
              npsTrend: { series: Array<{ tier: string; points: Array<{ responses: number }> }> };
              zoned: { series: Array<{ tier: string; points: Array<{ responses: number }> }> };
            };
          }>(
            keys.ANALYST,
            `query($env: ID!, $from: DateTime!, $to: DateTime!, $zonedFrom: DateTime!, $days: Int!) { environment(id: $env) {
               activityCorrelations(from: $from, to: $to, windowDays: $days, minUsers: 1) {
                 eventType observations usersWith pearson npsWith npsWithout }
               npsTrend(from: $from, to: $to, interval: MONTH, timezone: "UTC", engagement: { windowDays: $days }) {
                 series { tier points { responses } } }
               zoned: npsTrend(from: $zonedFrom, to: $to, interval: WEEK, timezone: "Asia/Kolkata", engagement: { windowDays: $days }) {
                 series { tier points { responses } } } } }`,
            { env: environmentId, from: iso(from), to: iso(to), zonedFrom: iso(zonedFrom), days },
          );
          const expected = referenceCorrelations(responses, events, from, to, days);
          const actual = result.environment.activityCorrelations;
          expect(actual.map((row) => row.eventType).sort()).toEqual(
            [...expected.rows.keys()].sort(),
          );
          for (const row of actual) {
            const reference = expected.rows.get(row.eventType)!;
            expect(row.observations).toBe(expected.observations);
            expect(row.usersWith).toBe(reference.usersWith);
            expect(row.npsWith).toBeCloseTo(reference.npsWith ?? NaN, 9);
            expect(row.npsWithout).toBeCloseTo(reference.npsWithout ?? NaN, 9);
            if (reference.pearson === null) expect(row.pearson).toBeNull();
            else expect(row.pearson).toBeCloseTo(reference.pearson, 9);
          }
          const tiers: Record<string, number> = {};
          for (const line of result.environment.npsTrend.series) {
            const total = line.points.reduce((sum, point) => sum + point.responses, 0);
            if (total > 0) tiers[line.tier] = total;
          }
          expect(tiers).toEqual(referenceTiers(responses, events, from, to, days));
          const zonedTiers: Record<string, number> = {};
          for (const line of result.environment.zoned.series) {
            const total = line.points.reduce((sum, point) => sum + point.responses, 0);
            if (total > 0) zonedTiers[line.tier] = total;
          }
          expect(zonedTiers).toEqual(referenceTiers(responses, events, zonedFrom, to, days));
        },
      ),
      { numRuns: 60 },
    );
  });
});
