import { startSyncTestApp } from './support/delighted-fixtures';
import { TestApp, createEnvironmentWithKeys, emailMatchedEnvironment } from './support/test-app';

const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/**
 * segmentMembers with an activity condition: a driver's outreach lists ("detractors who did not
 * Export in the 30 days before their latest response", "promoters who did"), on a fixture small
 * enough to check by hand, over respondent_latest and over the latest-as-of path alike.
 */
describe('segment members by an activity in the window before their latest response', () => {
  let test: TestApp;
  let environmentId: string;
  let keys: Awaited<ReturnType<typeof createEnvironmentWithKeys>>['keys'];

  beforeAll(async () => {
    test = await startSyncTestApp();
    let ingest: Awaited<ReturnType<typeof emailMatchedEnvironment>>['ingest'];
    ({ environmentId, keys, ingest } = await emailMatchedEnvironment(test));
    await ingest('/api/add_user_properties', {
      users: ['u1', 'u2', 'u3', 'u4', 'u5'].map((identity) => ({
        identity,
        properties: { email: `${identity}@x.com`, plan: 'pro' },
      })),
    });
    const event = (identity: string, name: string, timestamp: string) => ({
      identity,
      event: name,
      timestamp,
    });
    await ingest('/api/track', {
      events: [
        event('u1', 'Export', '2026-03-01T10:00:00Z'), // 9 days before u1's latest response
        event('u2', 'Export', '2026-01-01T10:00:00Z'), // 70 days before u2's: outside 30, inside 90
        event('u3', 'Login', '2026-03-10T10:00:00Z'), // another activity
        event('u4', 'Export', '2026-03-12T10:00:00Z'), // the day before u4's
        event('u5', 'Export', '2026-03-09T10:00:00Z'), // exactly at u5's response: not before it
      ],
    });
    const response = (id: string, person: string, email: string, score: number, iso: string) => ({
      id,
      person: { id: person, email, phone_number: null },
      survey_type: 'nps',
      score,
      comment: null,
      permalink: `https://delighted.example/r/${id}`,
      created_at: at(iso),
      updated_at: null,
    });
    await test.ok(
      keys.ARCHITECT,
      'mutation($env: ID!, $json: String) { importSurveyResponses(environmentId: $env, json: $json) { inserted } }',
      {
        env: environmentId,
        json: JSON.stringify([
          response('r0', 'p1', 'u1@x.com', 10, '2026-02-01T10:00:00Z'), // p1's earlier answer
          response('r1', 'p1', 'u1@x.com', 3, '2026-03-10T10:00:00Z'),
          response('r2', 'p2', 'u2@x.com', 5, '2026-03-12T10:00:00Z'),
          response('r3', 'p3', 'u3@x.com', 8, '2026-03-11T10:00:00Z'),
          response('r4', 'p4', 'u4@x.com', 10, '2026-03-13T10:00:00Z'),
          response('r5', 'p5', 'u5@x.com', 9, '2026-03-09T10:00:00Z'),
          response('r6', 'p6', 'nobody@x.com', 2, '2026-03-14T10:00:00Z'), // not a user
        ]),
      },
    );
  });
  afterAll(() => test.close());

  // Without a filter the members come from respondent_latest; the filter (everyone is on 'pro')
  // sends the latest-as-of statement instead. Both must answer alike.
  const PATHS = [
    ['respondent_latest', null],
    ['latest as of', { conditions: [{ property: 'plan', equals: 'pro' }] }],
  ] as const;

  async function members(
    segment: string,
    activity: Record<string, unknown>,
    filter: object | null,
  ): Promise<{ totalCount: number; people: string[] }> {
    const result = await test.ok<{
      environment: {
        segmentMembers: { totalCount: number; edges: Array<{ node: { personId: string } }> };
      };
    }>(
      keys.ANALYST,
      `query($env: ID!, $segment: NpsSegment!, $activity: SegmentActivityInput, $filter: UserFilter) {
         environment(id: $env) {
           segmentMembers(segment: $segment, asOf: "2026-03-20T00:00:00Z", maxAgeDays: 90, filter: $filter, activity: $activity) {
             totalCount edges { node { personId } } } } }`,
      { env: environmentId, segment, activity, filter },
    );
    const connection = result.environment.segmentMembers;
    return {
      totalCount: connection.totalCount,
      people: connection.edges.map((edge) => edge.node.personId),
    };
  }

  it.each(PATHS)('lists who did and who did not, over %s', async (_path, filter) => {
    const exportIn = (did: boolean, windowDays?: number) => ({
      eventType: 'Export',
      did,
      ...(windowDays ? { windowDays } : {}),
    });
    // Detractors (latest answer ≤ 6): p1 3 (Export 9 days before), p2 5 (Export 70 days
    // before), p6 2 (not a user: no activity, never listed). Did not in 30 days: p2 only.
    expect(await members('DETRACTOR', exportIn(false), filter)).toEqual({
      totalCount: 1,
      people: ['p2'],
    });
    expect(await members('DETRACTOR', exportIn(true), filter)).toEqual({
      totalCount: 1,
      people: ['p1'],
    });
    // Over 31 days (events counted, not the 30-day table) the same; over 90 days p2 did too.
    expect(await members('DETRACTOR', exportIn(false, 31), filter)).toEqual({
      totalCount: 1,
      people: ['p2'],
    });
    expect(await members('DETRACTOR', exportIn(false, 90), filter)).toEqual({
      totalCount: 0,
      people: [],
    });
    expect(await members('DETRACTOR', exportIn(true, 90), filter)).toEqual({
      totalCount: 2,
      people: ['p2', 'p1'],
    });
    // Passives: p3 8, who logged in but never exported.
    expect(await members('PASSIVE', exportIn(false), filter)).toEqual({
      totalCount: 1,
      people: ['p3'],
    });
    // Promoters: p4 10 exported the day before; p5 9 exported at the very time of answering,
    // which is not before it. p1's earlier 10 is not p1's latest answer.
    expect(await members('PROMOTER', exportIn(true), filter)).toEqual({
      totalCount: 1,
      people: ['p4'],
    });
    expect(await members('PROMOTER', exportIn(false), filter)).toEqual({
      totalCount: 1,
      people: ['p5'],
    });
    // Without the condition every detractor is listed, p6 too.
    const all = await test.ok<{ environment: { segmentMembers: { totalCount: number } } }>(
      keys.ANALYST,
      `query($env: ID!) { environment(id: $env) { segmentMembers(segment: DETRACTOR, asOf: "2026-03-20T00:00:00Z", maxAgeDays: 90) { totalCount } } }`,
      { env: environmentId },
    );
    expect(all.environment.segmentMembers.totalCount).toBe(3);
  });

  it('names an unknown event type and a window out of range, and lists nothing', async () => {
    const refused = async (activity: Record<string, unknown>) => {
      const result = await test.graphql(
        keys.ANALYST,
        `query($env: ID!, $activity: SegmentActivityInput) { environment(id: $env) {
           segmentMembers(segment: DETRACTOR, activity: $activity) { totalCount } } }`,
        { env: environmentId, activity },
      );
      return { data: result.data?.environment ?? null, error: result.errors?.[0] };
    };
    const unknown = await refused({ eventType: 'Exprot', did: false });
    expect(unknown.data).toBeNull();
    expect(unknown.error).toMatchObject({
      message:
        'activity.eventType "Exprot" is not an event type of this environment: none was tracked (see eventTypes).',
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'activity.eventType' },
    });
    const window = await refused({ eventType: 'Export', did: true, windowDays: 0 });
    expect(window.error).toMatchObject({
      message: 'activity.windowDays must be a whole number of days from 1 to 365.',
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'activity.windowDays' },
    });
  });
});
