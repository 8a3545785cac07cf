import type { EmbedViewName } from '../src/auth/embed-token';
import { TestApp, startTestApp, emailMatchedEnvironment } from './support/test-app';

/**
 * A link locked to plan = pro, through every field its views can read: the expected figures are
 * computed here from the fixture, never from the service.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;
const PLANS = ['pro', 'free', 'team'];
const FROM = '2025-12-01T00:00:00.000Z';
const TO = '2026-03-01T00:00:00.000Z';

interface FixtureUser {
  identity: string;
  plan: string | null;
}
interface FixtureEvent {
  identity: string;
  name: string;
  time: number;
}
interface FixtureResponse {
  id: string;
  /** Null: an email no user has, so the response stays unmatched. */
  identity: string | null;
  surveyType: string;
  score: number;
  time: number;
}

const users: FixtureUser[] = Array.from({ length: 15 }, (_, i) => ({
  identity: `u${i}`,
  plan: i === 13 ? null : PLANS[i % 3],
}));
const respondedAt = (i: number) => Date.UTC(2026, 0, 15) + i * HOUR;
const responses: FixtureResponse[] = [
  ...users
    .map((_, i) => i)
    .filter((i) => i % 5 !== 4)
    .map((i) => ({
      id: `r${i}`,
      identity: `u${i}`,
      surveyType: 'nps',
      score: (i * 7) % 11,
      time: respondedAt(i),
    })),
  // u0 answers again later: its latest answer decides its segment.
  { id: 'r0b', identity: 'u0', surveyType: 'nps', score: 9, time: respondedAt(0) + 2 * DAY },
  { id: 'c3', identity: 'u3', surveyType: 'csat', score: 5, time: respondedAt(3) + HOUR },
  { id: 'x1', identity: null, surveyType: 'nps', score: 10, time: respondedAt(1) },
];
const events: FixtureEvent[] = users.flatMap((user, i) => [
  ...Array.from({ length: i % 4 }, (_, j) => ({
    identity: user.identity,
    name: 'Export',
    time: respondedAt(i) - (j + 1) * DAY,
  })),
  ...Array.from({ length: 1 + (i % 2) }, (_, j) => ({
    identity: user.identity,
    name: 'Login',
    time: respondedAt(i) - (j + 2) * DAY - HOUR,
  })),
  // Only free users open the admin panel: no pro figure may mention it.
  ...(user.plan === 'free'
    ? [0, 1].map((j) => ({
        identity: user.identity,
        name: 'Admin Panel',
        time: respondedAt(i) - (j + 3) * DAY,
      }))
    : []),
  // After every response: counted as an event, in no activity window.
  { identity: user.identity, name: 'Export', time: respondedAt(i) + 5 * DAY },
]);

const isPro = (identity: string | null) =>
  users.find((user) => user.identity === identity)?.plan === 'pro';
const proNps = responses.filter(
  (response) =>
    isPro(response.identity) &&
    response.surveyType === 'nps' &&
    response.time >= Date.parse(FROM) &&
    response.time < Date.parse(TO),
);
const category = (score: number) =>
  score >= 9 ? 'PROMOTER' : score >= 7 ? 'PASSIVE' : 'DETRACTOR';
/** Events of the user in the 30 × 24 h before `time` (Submit Survey aside, as the service counts). */
const activityBefore = (identity: string, time: number, name?: string) =>
  events.filter(
    (event) =>
      event.identity === identity &&
      (name === undefined || event.name === name) &&
      event.time >= time - 30 * DAY &&
      event.time < time,
  ).length;
/** Each pro respondent's latest NPS response in the range. */
const latestPerProUser = [
  ...proNps
    .reduce((latest, response) => {
      const current = latest.get(response.identity!);
      if (!current || current.time < response.time) latest.set(response.identity!, response);
      return latest;
    }, new Map<string, FixtureResponse>())
    .values(),
];
const counts = (list: FixtureResponse[]) => ({
  responses: list.length,
  promoters: list.filter((r) => category(r.score) === 'PROMOTER').length,
  passives: list.filter((r) => category(r.score) === 'PASSIVE').length,
  detractors: list.filter((r) => category(r.score) === 'DETRACTOR').length,
});

describe('a filtered embed link counts and lists only the users of its filter', () => {
  let test: TestApp;
  let environmentId: string;
  let analystKey: string;
  const tokens = {} as Record<EmbedViewName, string>;

  const read = async <T>(view: EmbedViewName | 'ANALYST', body: string) =>
    (
      await test.ok<{ environment: T }>(
        view === 'ANALYST' ? analystKey : tokens[view],
        `query($env: ID!) { environment(id: $env) { ${body} } }`,
        { env: environmentId },
      )
    ).environment;

  beforeAll(async () => {
    test = await startTestApp();
    const created = await emailMatchedEnvironment(test);
    environmentId = created.environmentId;
    analystKey = created.keys.ANALYST;
    const { keys, ingest } = created;
    await ingest('/api/add_user_properties', {
      users: users.map((user) => ({
        identity: user.identity,
        properties: {
          email: `${user.identity}@x.com`,
          ...(user.plan ? { plan: user.plan } : {}),
        },
      })),
    });
    await ingest('/api/track', {
      events: events.map((event) => ({
        identity: event.identity,
        event: event.name,
        timestamp: new Date(event.time).toISOString(),
      })),
    });
    await test.ok(
      keys.ARCHITECT,
      'mutation($env: ID!, $json: String) { importSurveyResponses(environmentId: $env, json: $json) { inserted } }',
      {
        env: environmentId,
        json: JSON.stringify(
          responses.map((response) => ({
            id: response.id,
            person: {
              id: `p-${response.identity ?? response.id}`,
              email: `${response.identity ?? 'nobody'}@x.com`,
            },
            survey_type: response.surveyType,
            score: response.score,
            comment: null,
            created_at: Math.floor(response.time / 1000),
            updated_at: null,
          })),
        ),
      },
    );
    for (const view of ['OVERVIEW', 'ENGAGEMENT', 'DRIVERS', 'SEGMENTS', 'RESPONSES'] as const) {
      const { createEmbedLink } = await test.ok<{ createEmbedLink: { token: string } }>(
        keys.ADMIN,
        `mutation($env: ID!, $view: EmbedView!) { createEmbedLink(environmentId: $env, view: $view,
           filter: { conditions: [{ property: "plan", equals: "pro" }] }) { token } }`,
        { env: environmentId, view },
      );
      tokens[view] = createEmbedLink.token;
    }
  });
  afterAll(() => test.close());

  it('ENGAGEMENT: event types count only the events of matching users', async () => {
    // Responses matched to a user are mirrored as its Submit Survey events.
    const mirrored = responses
      .filter((response) => response.identity !== null)
      .map((response) => ({
        identity: response.identity!,
        name: 'Submit Survey',
        time: response.time,
      }));
    const byName = new Map<string, { name: string; count: number; lastSeen: number }>();
    for (const event of [...events, ...mirrored].filter((e) => isPro(e.identity))) {
      const row = byName.get(event.name) ?? { name: event.name, count: 0, lastSeen: 0 };
      row.count += 1;
      row.lastSeen = Math.max(row.lastSeen, event.time);
      byName.set(event.name, row);
    }
    const expected = [...byName.values()]
      .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1))
      .map((row) => ({ ...row, lastSeen: new Date(row.lastSeen).toISOString() }));
    const query = 'eventTypes { name count lastSeen }';
    const { eventTypes } = await read<{ eventTypes: unknown[] }>('ENGAGEMENT', query);
    expect(eventTypes).toEqual(expected);
    expect(expected.map((row) => row.name)).not.toContain('Admin Panel');
    // The environment does hold events of other users: an API key sees them all.
    const everyone = await read<{ eventTypes: Array<{ name: string }> }>('ANALYST', query);
    expect(everyone.eventTypes.map((row) => row.name)).toContain('Admin Panel');
  });

  it('ENGAGEMENT: engagement tiers hold only matching respondents', async () => {
    const { npsTrend } = await read<{
      npsTrend: { series: Array<{ tier: string; points: Array<{ responses: number }> }> };
    }>(
      'ENGAGEMENT',
      `npsTrend(from: "${FROM}", to: "${TO}", interval: MONTH, engagement: {}) {
         series { tier points { responses } } }`,
    );
    const label = (events: number) =>
      events >= 20 ? '20+' : events >= 5 ? '5–19' : events >= 1 ? '1–4' : '0';
    const expected: Record<string, number> = {};
    for (const response of proNps) {
      const tier = label(activityBefore(response.identity!, response.time));
      expected[tier] = (expected[tier] ?? 0) + 1;
    }
    const answered = Object.fromEntries(
      npsTrend.series
        .map((series) => [series.tier, series.points.reduce((sum, p) => sum + p.responses, 0)])
        .filter(([, total]) => total !== 0),
    );
    expect(answered).toEqual(expected);
  });

  it('OVERVIEW: summary and trend count only matching respondents', async () => {
    const { npsSummary, npsTrend } = await read<{
      npsSummary: object;
      npsTrend: { points: Array<{ responses: number; promoters: number }> };
    }>(
      'OVERVIEW',
      `npsSummary(from: "${FROM}", to: "${TO}") { responses promoters passives detractors }
       npsTrend(from: "${FROM}", to: "${TO}", interval: MONTH) { points { responses promoters } }`,
    );
    expect(npsSummary).toEqual(counts(proNps));
    const sum = (key: 'responses' | 'promoters') =>
      npsTrend.points.reduce((total, point) => total + point[key], 0);
    expect([sum('responses'), sum('promoters')]).toEqual([
      counts(proNps).responses,
      counts(proNps).promoters,
    ]);
  });

  it('SEGMENTS: segment counts and members are matching respondents only', async () => {
    const asOf = TO;
    const { segmentSummary, PROMOTER, PASSIVE, DETRACTOR } = await read<
      Record<string, unknown> & { segmentSummary: Array<{ segment: string; count: number }> }
    >(
      'SEGMENTS',
      `segmentSummary(asOf: "${asOf}") { segment count }
       ${['PROMOTER', 'PASSIVE', 'DETRACTOR']
         .map(
           (
             segment,
           ) => `${segment}: segmentMembers(segment: ${segment}, asOf: "${asOf}", first: 100) {
             totalCount edges { node { user { identity } } } }`,
         )
         .join('\n')}`,
    );
    const bySegment = (segment: string) =>
      latestPerProUser
        .filter((response) => category(response.score) === segment)
        .map((response) => response.identity)
        .sort();
    expect(Object.fromEntries(segmentSummary.map((row) => [row.segment, row.count]))).toEqual({
      PROMOTER: bySegment('PROMOTER').length,
      PASSIVE: bySegment('PASSIVE').length,
      DETRACTOR: bySegment('DETRACTOR').length,
    });
    const members = { PROMOTER, PASSIVE, DETRACTOR } as Record<
      string,
      { totalCount: number; edges: Array<{ node: { user: { identity: string } } }> }
    >;
    for (const segment of ['PROMOTER', 'PASSIVE', 'DETRACTOR']) {
      const identities = members[segment].edges.map((edge) => edge.node.user.identity).sort();
      expect([segment, identities, members[segment].totalCount]).toEqual([
        segment,
        bySegment(segment),
        bySegment(segment).length,
      ]);
    }
  });

  it('RESPONSES: the list holds matching respondents only, every survey type', async () => {
    const { surveyResponses } = await read<{
      surveyResponses: { totalCount: number; edges: Array<{ node: { responseId: string } }> };
    }>('RESPONSES', 'surveyResponses(first: 100) { totalCount edges { node { responseId } } }');
    const expected = responses
      .filter((response) => isPro(response.identity))
      .sort((a, b) => b.time - a.time)
      .map((response) => response.id);
    expect(surveyResponses.edges.map((edge) => edge.node.responseId)).toEqual(expected);
    expect(surveyResponses.totalCount).toBe(expected.length);
  });

  it('DRIVERS: correlations and segment comparison use matching respondents only', async () => {
    const data = await read<{
      activityCorrelations: Array<{ eventType: string; usersWith: number; usersWithout: number }>;
      export: Array<{ segment: string; members: number; membersWithEvent: number }>;
      admin: Array<{ segment: string; members: number; membersWithEvent: number }>;
    }>(
      'DRIVERS',
      `activityCorrelations(from: "${FROM}", to: "${TO}", minUsers: 1) { eventType usersWith usersWithout }
       export: segmentComparison(eventType: "Export", asOf: "${TO}") { segment members membersWithEvent }
       admin: segmentComparison(eventType: "Admin Panel", asOf: "${TO}") { segment members membersWithEvent }`,
    );
    const correlations = ['Export', 'Login', 'Admin Panel']
      .map((eventType) => {
        const usersWith = latestPerProUser.filter(
          (response) => activityBefore(response.identity!, response.time, eventType) > 0,
        ).length;
        return { eventType, usersWith, usersWithout: latestPerProUser.length - usersWith };
      })
      // minUsers 1: a type is reported with someone on each side.
      .filter((row) => row.usersWith >= 1 && row.usersWithout >= 1);
    const byType = (a: { eventType: string }, b: { eventType: string }) =>
      a.eventType < b.eventType ? -1 : 1;
    expect([...data.activityCorrelations].sort(byType)).toEqual(correlations.sort(byType));
    expect(correlations.length).toBeGreaterThan(0);
    const comparison = (eventType: string) =>
      ['PROMOTER', 'PASSIVE', 'DETRACTOR'].map((segment) => {
        const members = latestPerProUser.filter((r) => category(r.score) === segment);
        return {
          segment,
          members: members.length,
          membersWithEvent: members.filter(
            (r) => activityBefore(r.identity!, r.time, eventType) > 0,
          ).length,
        };
      });
    expect(data.export).toEqual(comparison('Export'));
    expect(data.admin).toEqual(comparison('Admin Panel'));
  });
});
