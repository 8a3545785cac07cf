import { startSyncTestApp } from './support/delighted-fixtures';
import { TestApp, createEnvironmentWithKeys } from './support/test-app';
import { withTestDatabase } from './support/test-database';

/**
 * theme_mentions_1d must equal a recount from survey_responses joined with comment_analysis (theme 0:
 * responses whose comment holds words); returns how many (day, theme) cells there are.
 */
async function expectThemeMentionsConsistent(environmentId: string): Promise<number> {
  return withTestDatabase(async (client) => {
    const mentions = await client.query(
      `WITH expected AS (
         SELECT date_bin('1 day', r.responded_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS day, m.theme_id,
                count(*)::int AS responses, count(*) FILTER (WHERE r.score >= 9)::int AS promoters,
                count(*) FILTER (WHERE r.score BETWEEN 7 AND 8)::int AS passives,
                count(*) FILTER (WHERE r.score <= 6)::int AS detractors, sum(r.score)::int AS score_sum
           FROM survey_responses r
           JOIN comment_analysis a ON a.environment_id = r.environment_id AND a.response_row_id = r.id
          CROSS JOIN LATERAL (SELECT unnest(a.theme_ids) UNION ALL SELECT 0 WHERE a.sentiment_score IS NOT NULL) m(theme_id)
          WHERE r.environment_id = $1 AND r.is_nps GROUP BY 1, 2),
       actual AS (SELECT day, theme_id, responses, promoters, passives, detractors, score_sum::int
                    FROM theme_mentions_1d
                   WHERE environment_id = $1 AND (responses, promoters, passives, detractors, score_sum) <> (0, 0, 0, 0, 0))
       SELECT (SELECT count(*) FROM (SELECT * FROM expected EXCEPT SELECT * FROM actual) missing)::int AS missing,
              (SELECT count(*) FROM (SELECT * FROM actual EXCEPT SELECT * FROM expected) extra)::int AS extra,
              (SELECT count(*) FROM expected)::int AS cells`,
      [environmentId],
    );
    expect(mentions.rows[0]).toMatchObject({ missing: 0, extra: 0 });
    return mentions.rows[0].cells;
  });
}

/** The rollups must equal what a scan of survey_responses says, after every kind of write. */
/** CTE `latest`: each matched user's latest NPS response of environment $1, recomputed. */
const LATEST_RESPONSES = `latest AS (
         SELECT DISTINCT ON (user_id) id, user_id, responded_at, score
           FROM survey_responses WHERE environment_id = $1 AND is_nps AND user_id IS NOT NULL
          ORDER BY user_id, responded_at DESC, id DESC)`;

async function expectRollupsConsistent(environmentId: string) {
  return withTestDatabase(async (client) => {
    const slots = await client.query(
      `WITH expected AS (
         SELECT date_bin('15 minutes', responded_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS slot, count(*)::int AS responses,
                count(*) FILTER (WHERE score >= 9)::int AS promoters, count(*) FILTER (WHERE score <= 6)::int AS detractors,
                sum(score)::int AS score_sum
           FROM survey_responses WHERE environment_id = $1 AND is_nps GROUP BY 1),
       actual AS (SELECT slot, responses, promoters, detractors, score_sum::int FROM nps_rollup_15m
                   WHERE environment_id = $1 AND responses <> 0)
       SELECT (SELECT count(*) FROM (SELECT * FROM expected EXCEPT SELECT * FROM actual) missing)::int AS missing,
              (SELECT count(*) FROM (SELECT * FROM actual EXCEPT SELECT * FROM expected) extra)::int AS extra,
              (SELECT count(*) FROM expected)::int AS slots`,
      [environmentId],
    );
    expect(slots.rows[0]).toMatchObject({ missing: 0, extra: 0 });
    const days = await client.query(
      `WITH expected AS (
         SELECT date_bin('1 day', responded_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS day, count(*)::int AS responses,
                count(*) FILTER (WHERE score >= 9)::int AS promoters, count(*) FILTER (WHERE score BETWEEN 7 AND 8)::int AS passives,
                count(*) FILTER (WHERE score <= 6)::int AS detractors, sum(score)::int AS score_sum,
                count(*) FILTER (WHERE score = 0)::int AS score_0, count(*) FILTER (WHERE score = 10)::int AS score_10
           FROM survey_responses WHERE environment_id = $1 AND is_nps GROUP BY 1),
       actual AS (SELECT day, responses, promoters, passives, detractors, score_sum::int, score_0, score_10
                    FROM nps_rollup_1d WHERE environment_id = $1 AND responses <> 0)
       SELECT (SELECT count(*) FROM (SELECT * FROM expected EXCEPT SELECT * FROM actual) missing)::int AS missing,
              (SELECT count(*) FROM (SELECT * FROM actual EXCEPT SELECT * FROM expected) extra)::int AS extra,
              (SELECT count(*) FROM expected)::int AS days`,
      [environmentId],
    );
    expect(days.rows[0]).toMatchObject({ missing: 0, extra: 0 });
    expect(days.rows[0].days).toBeGreaterThan(0);
    const latest = await client.query(
      `WITH expected AS (
         SELECT DISTINCT ON (coalesce(person_id, 'response:' || response_id))
                coalesce(person_id, 'response:' || response_id) AS person, id, score, user_id
           FROM survey_responses WHERE environment_id = $1 AND is_nps
          ORDER BY coalesce(person_id, 'response:' || response_id), responded_at DESC, id DESC),
       actual AS (SELECT person, response_row_id, score, user_id FROM respondent_latest WHERE environment_id = $1)
       SELECT (SELECT count(*) FROM (SELECT * FROM expected EXCEPT SELECT * FROM actual) a)::int AS missing,
              (SELECT count(*) FROM (SELECT * FROM actual EXCEPT SELECT * FROM expected) b)::int AS extra,
              (SELECT count(*) FROM expected)::int AS respondents`,
      [environmentId],
    );
    expect(latest.rows[0]).toMatchObject({ missing: 0, extra: 0 });
    const segmentCounts = await client.query(
      `WITH expected AS (
         SELECT DISTINCT ON (coalesce(person_id, 'response:' || response_id)) score
           FROM survey_responses WHERE environment_id = $1 AND is_nps
          ORDER BY coalesce(person_id, 'response:' || response_id), responded_at DESC, id DESC)
       SELECT (SELECT count(*) FILTER (WHERE score >= 9) FROM expected)::int AS promoters,
              (SELECT count(*) FILTER (WHERE score BETWEEN 7 AND 8) FROM expected)::int AS passives,
              (SELECT count(*) FILTER (WHERE score <= 6) FROM expected)::int AS detractors,
              (SELECT row_to_json(c) FROM (SELECT promoters, passives, detractors FROM respondent_segment_counts
                                            WHERE environment_id = $1) c) AS actual`,
      [environmentId],
    );
    const { actual, ...expectedCounts } = segmentCounts.rows[0];
    expect(actual ?? { promoters: 0, passives: 0, detractors: 0 }).toEqual(expectedCounts);
    const userLatest = await client.query(
      `WITH expected AS (
         SELECT DISTINCT ON (user_id) user_id, id, responded_at, score
           FROM survey_responses WHERE environment_id = $1 AND is_nps AND user_id IS NOT NULL
          ORDER BY user_id, responded_at DESC, id DESC),
       actual AS (SELECT user_id, response_row_id, responded_at, score FROM user_latest_nps WHERE environment_id = $1)
       SELECT (SELECT count(*) FROM (SELECT * FROM expected EXCEPT SELECT * FROM actual) a)::int AS missing,
              (SELECT count(*) FROM (SELECT * FROM actual EXCEPT SELECT * FROM expected) b)::int AS extra,
              (SELECT count(*) FROM expected)::int AS users`,
      [environmentId],
    );
    expect(userLatest.rows[0]).toMatchObject({ missing: 0, extra: 0 });
    // The 30-day activity before each matched response, recounted from events.
    const activity = await client.query(
      `WITH expected AS (
         SELECT r.id, e.name, count(*)::int AS events
           FROM survey_responses r
           JOIN events e ON e.environment_id = r.environment_id AND e.user_id = r.user_id
                        AND e.time >= r.responded_at - interval '720 hours' AND e.time < r.responded_at
                        AND e.name <> 'Submit Survey'
          WHERE r.environment_id = $1 AND r.is_nps
          GROUP BY r.id, e.name),
       actual AS (SELECT response_row_id, name, events FROM response_activity_30d WHERE environment_id = $1)
       SELECT (SELECT count(*) FROM (SELECT * FROM expected EXCEPT SELECT * FROM actual) a)::int AS missing,
              (SELECT count(*) FROM (SELECT * FROM actual EXCEPT SELECT * FROM expected) b)::int AS extra,
              (SELECT count(*) FROM expected)::int AS cells`,
      [environmentId],
    );
    expect(activity.rows[0]).toMatchObject({ missing: 0, extra: 0 });
    // The activity of each user's latest response, with its time and score, recounted from events.
    const latestActivity = await client.query(
      `WITH ${LATEST_RESPONSES},
       expected AS (
         SELECT l.id, e.name, l.user_id, l.responded_at, l.score, count(*)::int AS events
           FROM latest l
           JOIN events e ON e.environment_id = $1 AND e.user_id = l.user_id
                        AND e.time >= l.responded_at - interval '720 hours' AND e.time < l.responded_at
                        AND e.name <> 'Submit Survey'
          GROUP BY 1, 2, 3, 4, 5),
       actual AS (SELECT response_row_id, name, user_id, responded_at, score, events
                    FROM user_latest_activity_30d WHERE environment_id = $1)
       SELECT (SELECT count(*) FROM (SELECT * FROM expected EXCEPT SELECT * FROM actual) a)::int AS missing,
              (SELECT count(*) FROM (SELECT * FROM actual EXCEPT SELECT * FROM expected) b)::int AS extra,
              (SELECT count(*) FROM expected)::int AS cells`,
      [environmentId],
    );
    expect(latestActivity.rows[0]).toMatchObject({ missing: 0, extra: 0 });
    // The event times of the 365 days before each user's latest response, by type, from events.
    const latestTimes = await client.query(
      `WITH ${LATEST_RESPONSES},
       expected AS (
         SELECT l.user_id, e.name, l.id, l.responded_at, l.score, array_agg(e.time ORDER BY e.time) AS times
           FROM latest l
           JOIN events e ON e.environment_id = $1 AND e.user_id = l.user_id
                        AND e.time >= l.responded_at - interval '8760 hours' AND e.time < l.responded_at
                        AND e.name <> 'Submit Survey'
          GROUP BY 1, 2, 3, 4, 5),
       actual AS (SELECT user_id, name, response_row_id, responded_at, score, times
                    FROM user_latest_event_times WHERE environment_id = $1)
       SELECT (SELECT count(*) FROM (SELECT * FROM expected EXCEPT SELECT * FROM actual) a)::int AS missing,
              (SELECT count(*) FROM (SELECT * FROM actual EXCEPT SELECT * FROM expected) b)::int AS extra,
              (SELECT coalesce(sum(cardinality(times)), 0) FROM expected)::int AS times`,
      [environmentId],
    );
    expect(latestTimes.rows[0]).toMatchObject({ missing: 0, extra: 0 });
    // Their daily counts: users per (day, score), and per (day, type, events, score).
    const latestDays = await client.query(
      `WITH latest AS (
         SELECT DISTINCT ON (user_id) id, user_id, responded_at, score,
                date_bin('1 day', responded_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS day
           FROM survey_responses WHERE environment_id = $1 AND is_nps AND user_id IS NOT NULL
          ORDER BY user_id, responded_at DESC, id DESC),
       expected_scores AS (SELECT day, score, count(*)::int AS users FROM latest GROUP BY 1, 2),
       actual_scores AS (SELECT day, score, users FROM latest_score_counts_1d WHERE environment_id = $1),
       activity AS (
         SELECT l.day, e.name, l.score, count(*)::int AS events
           FROM latest l
           JOIN events e ON e.environment_id = $1 AND e.user_id = l.user_id
                        AND e.time >= l.responded_at - interval '720 hours' AND e.time < l.responded_at
                        AND e.name <> 'Submit Survey'
          GROUP BY l.id, 1, 2, 3),
       expected_cells AS (SELECT day, name, events, score, count(*)::int AS users FROM activity GROUP BY 1, 2, 3, 4),
       actual_cells AS (SELECT day, name, events, score, users FROM latest_activity_cells_1d WHERE environment_id = $1)
       SELECT (SELECT count(*) FROM (SELECT * FROM expected_scores EXCEPT SELECT * FROM actual_scores) a)::int AS "missingScores",
              (SELECT count(*) FROM (SELECT * FROM actual_scores EXCEPT SELECT * FROM expected_scores) b)::int AS "extraScores",
              (SELECT count(*) FROM (SELECT * FROM expected_cells EXCEPT SELECT * FROM actual_cells) c)::int AS "missingCells",
              (SELECT count(*) FROM (SELECT * FROM actual_cells EXCEPT SELECT * FROM expected_cells) d)::int AS "extraCells"`,
      [environmentId],
    );
    expect(latestDays.rows[0]).toEqual({
      missingScores: 0,
      extraScores: 0,
      missingCells: 0,
      extraCells: 0,
    });
    // Each NPS response's 30-day total (null without a user), and the daily histogram of them.
    const engagement = await client.query(
      `WITH expected AS (
         SELECT r.id, r.responded_at, r.score,
                CASE WHEN r.user_id IS NOT NULL THEN
                  (SELECT count(*) FROM events e
                    WHERE e.environment_id = r.environment_id AND e.user_id = r.user_id
                      AND e.time >= r.responded_at - interval '720 hours' AND e.time < r.responded_at
                      AND e.name <> 'Submit Survey')::int END AS events
           FROM survey_responses r WHERE r.environment_id = $1 AND r.is_nps),
       actual AS (SELECT response_row_id, responded_at, score, events FROM response_engagement_30d
                   WHERE environment_id = $1),
       expected_days AS (
         SELECT date_bin('1 day', responded_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS day,
                CASE WHEN score >= 9 THEN 'PROMOTER' WHEN score >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END AS segment,
                coalesce(events, -1) AS events, count(*)::int AS responses, sum(score)::int AS score_sum
           FROM expected GROUP BY 1, 2, 3),
       actual_days AS (SELECT day, segment, events, responses, score_sum::int FROM engagement_histogram_1d
                        WHERE environment_id = $1 AND (responses <> 0 OR score_sum <> 0))
       SELECT (SELECT count(*) FROM (SELECT * FROM expected EXCEPT SELECT * FROM actual) a)::int AS missing,
              (SELECT count(*) FROM (SELECT * FROM actual EXCEPT SELECT * FROM expected) b)::int AS extra,
              (SELECT count(*) FROM (SELECT * FROM expected_days EXCEPT SELECT * FROM actual_days) c)::int AS "missingDays",
              (SELECT count(*) FROM (SELECT * FROM actual_days EXCEPT SELECT * FROM expected_days) d)::int AS "extraDays",
              (SELECT count(*) FROM expected WHERE events > 0)::int AS active`,
      [environmentId],
    );
    expect(engagement.rows[0]).toMatchObject({
      missing: 0,
      extra: 0,
      missingDays: 0,
      extraDays: 0,
    });
    // Each response with the respondent's one before it (and the one before that), and the
    // per-cell totals of those pairs.
    const pairs = await client.query(
      `WITH sequenced AS (
         SELECT id, responded_at, score, coalesce(person_id, 'response:' || response_id) AS person,
                lag(id) OVER w AS previous_row_id, lag(responded_at) OVER w AS previous_at,
                lag(score) OVER w AS previous_score, lag(responded_at, 2) OVER w AS chain_at
           FROM survey_responses WHERE environment_id = $1 AND is_nps
         WINDOW w AS (PARTITION BY coalesce(person_id, 'response:' || response_id) ORDER BY responded_at, id)),
       expected AS (SELECT * FROM sequenced WHERE previous_row_id IS NOT NULL),
       actual AS (SELECT response_row_id, responded_at, score, person, previous_row_id, previous_at,
                         previous_score, chain_at FROM response_pairs WHERE environment_id = $1),
       segmented AS (
         SELECT CASE WHEN previous_score >= 9 THEN 'PROMOTER' WHEN previous_score >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END AS previous_segment,
                CASE WHEN score >= 9 THEN 'PROMOTER' WHEN score >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END AS segment,
                chain_at FROM expected),
       expected_cells AS (
         SELECT previous_segment, segment, count(*)::int AS pairs, count(chain_at)::int AS chained
           FROM segmented GROUP BY 1, 2),
       actual_cells AS (
         SELECT c.previous_segment, c.segment, c.pairs, c.chained
           FROM response_pair_counts t
          CROSS JOIN LATERAL (VALUES ${['PROMOTER', 'PASSIVE', 'DETRACTOR']
            .flatMap((from) =>
              ['PROMOTER', 'PASSIVE', 'DETRACTOR'].map((to) => {
                const column = `${from}_${to}`.toLowerCase();
                return `('${from}', '${to}', t.${column}, t.chained_${column})`;
              }),
            )
            .join(', ')}) AS c(previous_segment, segment, pairs, chained)
          WHERE t.environment_id = $1 AND (c.pairs <> 0 OR c.chained <> 0))
       SELECT (SELECT count(*) FROM (SELECT * FROM expected EXCEPT SELECT * FROM actual) a)::int AS missing,
              (SELECT count(*) FROM (SELECT * FROM actual EXCEPT SELECT * FROM expected) b)::int AS extra,
              (SELECT count(*) FROM (SELECT * FROM expected_cells EXCEPT SELECT * FROM actual_cells) c)::int AS "missingCells",
              (SELECT count(*) FROM (SELECT * FROM actual_cells EXCEPT SELECT * FROM expected_cells) d)::int AS "extraCells",
              (SELECT count(*) FROM expected)::int AS pairs,
              (SELECT count(*) FROM expected WHERE chain_at IS NOT NULL)::int AS chained`,
      [environmentId],
    );
    expect(pairs.rows[0]).toMatchObject({ missing: 0, extra: 0, missingCells: 0, extraCells: 0 });
    // Per account, the counts of its users' respondents' latest responses.
    const accounts = await client.query(
      `WITH latest AS (
         SELECT DISTINCT ON (coalesce(person_id, 'response:' || response_id)) user_id, score
           FROM survey_responses WHERE environment_id = $1 AND is_nps
          ORDER BY coalesce(person_id, 'response:' || response_id), responded_at DESC, id DESC),
       expected AS (
         SELECT u.account, count(*)::int AS responses, count(*) FILTER (WHERE l.score >= 9)::int AS promoters,
                count(*) FILTER (WHERE l.score BETWEEN 7 AND 8)::int AS passives,
                count(*) FILTER (WHERE l.score <= 6)::int AS detractors, sum(l.score)::int AS score_sum
           FROM latest l JOIN users u ON u.environment_id = $1 AND u.id = l.user_id
          WHERE u.account IS NOT NULL GROUP BY u.account),
       actual AS (SELECT account, responses, promoters, passives, detractors, score_sum::int
                    FROM account_latest_counts
                   WHERE environment_id = $1 AND (responses, promoters, passives, detractors, score_sum) <> (0, 0, 0, 0, 0))
       SELECT (SELECT count(*) FROM (SELECT * FROM expected EXCEPT SELECT * FROM actual) a)::int AS missing,
              (SELECT count(*) FROM (SELECT * FROM actual EXCEPT SELECT * FROM expected) b)::int AS extra,
              (SELECT count(*) FROM expected)::int AS accounts`,
      [environmentId],
    );
    expect(accounts.rows[0]).toMatchObject({ missing: 0, extra: 0 });
    // Per breakdown property, day and value, the counts of responses under their user's value.
    const breakdown = await client.query(
      `WITH expected AS (
         SELECT p.property, date_bin('1 day', r.responded_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS day,
                coalesce(nullif(btrim(u.properties ->> p.property), ''), '') AS value, count(*)::int AS responses,
                count(*) FILTER (WHERE r.score >= 9)::int AS promoters,
                count(*) FILTER (WHERE r.score BETWEEN 7 AND 8)::int AS passives,
                count(*) FILTER (WHERE r.score <= 6)::int AS detractors, sum(r.score)::int AS score_sum
           FROM survey_responses r
           LEFT JOIN users u ON u.environment_id = r.environment_id AND u.id = r.user_id
          CROSS JOIN unnest((SELECT breakdown_properties FROM environments WHERE id = $1)) AS p(property)
          WHERE r.environment_id = $1 AND r.is_nps GROUP BY 1, 2, 3),
       actual AS (SELECT property, day, value, responses, promoters, passives, detractors, score_sum::int
                    FROM property_nps_1d
                   WHERE environment_id = $1 AND (responses, promoters, passives, detractors, score_sum) <> (0, 0, 0, 0, 0))
       SELECT (SELECT count(*) FROM (SELECT * FROM expected EXCEPT SELECT * FROM actual) a)::int AS missing,
              (SELECT count(*) FROM (SELECT * FROM actual EXCEPT SELECT * FROM expected) b)::int AS extra,
              (SELECT count(DISTINCT (property, value)) FROM expected WHERE value <> '')::int AS "breakdownValues"`,
      [environmentId],
    );
    expect(breakdown.rows[0]).toMatchObject({ missing: 0, extra: 0 });
    await expectThemeMentionsConsistent(environmentId);
    return {
      breakdownValues: breakdown.rows[0].breakdownValues,
      accounts: accounts.rows[0].accounts,
      pairs: pairs.rows[0].pairs,
      chainedPairs: pairs.rows[0].chained,
      slots: slots.rows[0].slots,
      respondents: latest.rows[0].respondents,
      users: userLatest.rows[0].users,
      activityCells: activity.rows[0].cells,
      activeResponses: engagement.rows[0].active,
      latestActivityCells: latestActivity.rows[0].cells,
      latestEventTimes: latestTimes.rows[0].times,
    };
  });
}

describe('analytics rollups stay exact on every write path', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startSyncTestApp();
  });
  afterAll(() => test.close());

  it('after inserts, newer versions, type changes, replays and late user matches', async () => {
    const { environmentId, keys } = await createEnvironmentWithKeys(test);
    await test.ok(
      keys.ADMIN,
      'mutation($env: ID!) { setEmailProperty(environmentId: $env, property: "email") { id } }',
      { env: environmentId },
    );
    const importJson = (rows: object[]) =>
      test.ok(
        keys.ARCHITECT,
        'mutation($env: ID!, $json: String) { importSurveyResponses(environmentId: $env, json: $json) { inserted } }',
        {
          env: environmentId,
          json: JSON.stringify(rows),
        },
      );
    const t0 = Math.floor(Date.parse('2026-02-01T09:07:00Z') / 1000);
    const rows = Array.from({ length: 40 }, (_, index) => ({
      id: `r${index}`,
      person: { id: `p${index % 9}`, email: `p${index % 9}@x.com` },
      score: (index * 7) % 11,
      created_at: t0 + index * 400,
      updated_at: null,
    }));
    await importJson(rows);
    // Breakdown properties chosen before any user exists: every later value comes by a write.
    const setBreakdown = (properties: string[]) =>
      test.ok(
        keys.ARCHITECT,
        'mutation($env: ID!, $properties: [String!]!) { setBreakdownProperties(environmentId: $env, properties: $properties) { breakdownProperties } }',
        { env: environmentId, properties },
      );
    await setBreakdown(['company']);
    // 40 responses of 9 respondents: 31 consecutive pairs, 22 of them after a respondent's second.
    expect(await expectRollupsConsistent(environmentId)).toMatchObject({
      pairs: 31,
      chainedPairs: 22,
    });
    // Newer versions change scores; one becomes another survey type; a replay changes nothing.
    await importJson([
      { ...rows[3], score: 10, updated_at: t0 + 100_000 },
      { ...rows[39], score: 0, updated_at: t0 + 100_000 },
      { ...rows[38], survey_type: 'csat', score: 3, updated_at: t0 + 100_000 },
      rows[5],
    ]);
    await expectRollupsConsistent(environmentId);
    // Late matches update user_id on many responses at once.
    await test.http
      .post('/api/add_user_properties')
      .set('authorization', `Bearer ${keys.INGEST}`)
      .send({
        app_id: environmentId,
        users: Array.from({ length: 9 }, (_, index) => ({
          identity: `u${index}`,
          properties: { email: `p${index}@x.com` },
        })),
      })
      .expect(200);
    const { respondents, users, activityCells } = await expectRollupsConsistent(environmentId);
    expect(respondents).toBe(9);
    expect(users).toBe(9);
    expect(activityCells).toBe(0);
    // Accounts: chosen after the users exist (every user's account recomputed), then a user
    // changes account, one gains one and one loses it by property writes.
    const setProperties = (users: object[]) =>
      test.http
        .post('/api/add_user_properties')
        .set('authorization', `Bearer ${keys.INGEST}`)
        .send({ app_id: environmentId, users })
        .expect(200);
    await setProperties(
      Array.from({ length: 8 }, (_, index) => ({
        identity: `u${index}`,
        properties: { company: `c${index % 3}` },
      })),
    );
    await test.ok(
      keys.ADMIN,
      'mutation($env: ID!) { setAccountProperty(environmentId: $env, property: "company") { id } }',
      { env: environmentId },
    );
    expect((await expectRollupsConsistent(environmentId)).accounts).toBe(3);
    await setProperties([
      { identity: 'u0', properties: { company: 'c2' } },
      { identity: 'u8', properties: { company: 'c9' } },
      { identity: 'u1', properties: { company: ' ' } },
    ]);
    // c0: u3, u6; c1: u4, u7; c2: u0, u2, u5; c9: u8 (u1's blank value is no account).
    expect(await expectRollupsConsistent(environmentId)).toMatchObject({
      accounts: 4,
      breakdownValues: 4,
    });
    // A property added later is filled from every response; one kept is left as it was.
    await setBreakdown(['email', 'company']);
    expect((await expectRollupsConsistent(environmentId)).breakdownValues).toBe(4 + 9);
    await setProperties([{ identity: 'u3', properties: { email: 'p3@x.com', company: 'c1' } }]);
    await expectRollupsConsistent(environmentId);
    await test.ok(
      keys.ADMIN,
      'mutation($env: ID!) { setAccountProperty(environmentId: $env, property: "email") { id } }',
      { env: environmentId },
    );
    expect((await expectRollupsConsistent(environmentId)).accounts).toBe(9);
    await test.ok(
      keys.ADMIN,
      'mutation($env: ID!) { setAccountProperty(environmentId: $env, property: "company") { id } }',
      { env: environmentId },
    );
    // Activity arrives after the responses (some inside their 30-day windows, some outside, some
    // exactly on the edges), then responses arrive after activity.
    const track = (events: object[]) =>
      test.http
        .post('/api/track')
        .set('authorization', `Bearer ${keys.INGEST}`)
        .send({ app_id: environmentId, events })
        .expect(200);
    const at = (seconds: number) => new Date(seconds * 1000).toISOString();
    await track(
      Array.from({ length: 30 }, (_, index) => ({
        identity: `u${index % 9}`,
        event: index % 3 === 0 ? 'Export' : 'Login',
        timestamp: at(t0 - 29 * 86_400 + index * 97_000),
      })).concat([
        // 30 days before r0 counts (the window starts there); r0's own second does not.
        { identity: 'u0', event: 'Edge', timestamp: at(t0 - 30 * 86_400) },
        { identity: 'u0', event: 'Edge', timestamp: at(t0) },
        { identity: 'u0', event: 'Edge', timestamp: at(t0 - 30 * 86_400 - 1) },
        // u0's latest response is r36: 365 days before it is kept, a second more is not.
        { identity: 'u0', event: 'Year', timestamp: at(t0 + 36 * 400 - 365 * 86_400) },
        { identity: 'u0', event: 'Year', timestamp: at(t0 + 36 * 400 - 365 * 86_400 - 1) },
        { identity: 'u0', event: 'Year', timestamp: at(t0 - 200 * 86_400) },
      ]),
    );
    // More activity in the same windows: the counts already stored grow.
    await track(
      Array.from({ length: 9 }, (_, index) => ({
        identity: `u${index}`,
        event: 'Login',
        timestamp: at(t0 + 39 * 400 - 3600 * (index + 1)),
      })),
    );
    const afterEvents = await expectRollupsConsistent(environmentId);
    expect(afterEvents.activityCells).toBeGreaterThan(9);
    expect(afterEvents.activeResponses).toBeGreaterThan(9);
    expect(afterEvents.latestActivityCells).toBeGreaterThan(3);
    expect(afterEvents.latestEventTimes).toBeGreaterThan(20);
    // A newer version of u0's latest response changes only its score.
    await importJson([{ ...rows[36], score: 2, updated_at: t0 + 200_000 }]);
    await expectRollupsConsistent(environmentId);
    await importJson([
      {
        id: 'late',
        person: { id: 'p2', email: 'p2@x.com' },
        score: 9,
        created_at: t0 + 40 * 86_400,
        updated_at: null,
      },
      // A response moved in time (an import correcting it) is recounted in its new window.
      { ...rows[7], created_at: t0 + 20 * 86_400, updated_at: t0 + 200_000 },
      // No longer NPS: its activity and latest-response rows go.
      { ...rows[8], survey_type: 'csat', score: 2, updated_at: t0 + 200_000 },
    ]);
    await expectRollupsConsistent(environmentId);
    // A user whose only NPS response (with activity) stops being NPS has no latest response left.
    await test.http
      .post('/api/add_user_properties')
      .set('authorization', `Bearer ${keys.INGEST}`)
      .send({
        app_id: environmentId,
        users: [{ identity: 'solo', properties: { email: 'solo@x.com' } }],
      })
      .expect(200);
    await track([{ identity: 'solo', event: 'Export', timestamp: at(t0 - 86_400) }]);
    const solo = {
      id: 'solo',
      person: { id: 'solo', email: 'solo@x.com' },
      score: 8,
      created_at: t0,
      updated_at: null,
    };
    await importJson([solo]);
    expect((await expectRollupsConsistent(environmentId)).users).toBe(10);
    await importJson([{ ...solo, survey_type: 'csat', score: 4, updated_at: t0 + 100 }]);
    expect((await expectRollupsConsistent(environmentId)).users).toBe(9);
    const matched = await withTestDatabase((client) =>
      client.query(
        'SELECT count(*)::int AS n FROM respondent_latest WHERE environment_id = $1 AND user_id IS NOT NULL',
        [environmentId],
      ),
    );
    expect(matched.rows[0].n).toBe(9);
  });

  it('counts the events of a batch that commits while a response of the same user is written', async () => {
    const { environmentId, keys } = await createEnvironmentWithKeys(test);
    await test.ok(
      keys.ADMIN,
      'mutation($env: ID!) { setEmailProperty(environmentId: $env, property: "email") { id } }',
      { env: environmentId },
    );
    await test.http
      .post('/api/add_user_properties')
      .set('authorization', `Bearer ${keys.INGEST}`)
      .send({ app_id: environmentId, users: [{ identity: 'u', properties: { email: 'u@x.com' } }] })
      .expect(200);
    // An events batch as ingestion writes it (the user's row first), left uncommitted.
    await withTestDatabase(async (batch) => {
      await batch.query('BEGIN');
      await batch.query(
        `INSERT INTO users AS u (environment_id, identity, first_seen, last_seen) VALUES ($1, 'u', now(), now())
         ON CONFLICT (environment_id, identity) DO UPDATE SET last_seen = greatest(u.last_seen, excluded.last_seen)`,
        [environmentId],
      );
      await batch.query(
        `INSERT INTO events (environment_id, user_id, name, time, source)
         SELECT $1, id, 'Export', '2026-02-01T00:00:00Z', 'test' FROM users WHERE environment_id = $1 AND identity = 'u'`,
        [environmentId],
      );
      // The response arrives meanwhile: its write must wait for the batch, not count without it.
      let answered = false;
      const response = test
        .ok(
          keys.ARCHITECT,
          'mutation($env: ID!, $json: String) { importSurveyResponses(environmentId: $env, json: $json) { inserted } }',
          {
            env: environmentId,
            json: JSON.stringify([
              {
                id: 'r',
                person: { id: 'p', email: 'u@x.com' },
                score: 9,
                created_at: Date.parse('2026-02-02T00:00:00Z') / 1000,
              },
            ]),
          },
        )
        .then(() => (answered = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(answered).toBe(false);
      await batch.query('COMMIT');
      await response;
    });
    const activity = await withTestDatabase((client) =>
      client.query(
        `SELECT a.name, a.events FROM response_activity_30d a
           JOIN survey_responses r ON r.environment_id = a.environment_id AND r.id = a.response_row_id
          WHERE a.environment_id = $1 AND r.response_id = 'r'`,
        [environmentId],
      ),
    );
    expect(activity.rows).toEqual([{ name: 'Export', events: 1 }]);
    await expectRollupsConsistent(environmentId);
  });
});

describe('theme_mentions_1d stays exact on every write of comments and their responses', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startSyncTestApp();
  });
  afterAll(() => test.close());

  it('after imports, newer versions, dictionary changes, the job, deletes and a job racing a writer', async () => {
    const { environmentId, keys } = await createEnvironmentWithKeys(test);
    const importJson = (rows: object[]) =>
      test.ok(
        keys.ARCHITECT,
        'mutation($env: ID!, $json: String) { importSurveyResponses(environmentId: $env, json: $json) { inserted } }',
        { env: environmentId, json: JSON.stringify(rows) },
      );
    const setThemes = (themes: Array<{ name: string; patterns: string[] }>) =>
      test.ok(
        keys.ARCHITECT,
        'mutation($env: ID!, $themes: [ThemeInput!]!) { setThemes(environmentId: $env, themes: $themes) { id } }',
        { env: environmentId, themes },
      );
    const runJob = (maxComments?: number) =>
      test.ok<{ runCommentAnalysis: { finished: boolean } }>(
        keys.ARCHITECT,
        'mutation($env: ID!, $max: Int) { runCommentAnalysis(environmentId: $env, maxComments: $max) { finished } }',
        { env: environmentId, max: maxComments ?? null },
      );
    // Twenty minutes before a UTC midnight, so that moves in time cross days.
    const t0 = Math.floor(Date.parse('2026-02-01T23:40:00Z') / 1000);
    const comments = [
      'so slow and buggy',
      'great support, love it',
      'pricing is confusing',
      '?!… ***',
      '',
      null,
      'slow support',
    ];
    const rows = Array.from({ length: 28 }, (_, index) => ({
      id: `r${index}`,
      person: { id: `p${index % 5}` },
      score: (index * 7) % 11,
      comment: comments[index % comments.length],
      created_at: t0 + index * 97,
      updated_at: null,
    }));
    await importJson(rows);
    expect(await expectThemeMentionsConsistent(environmentId)).toBeGreaterThan(4);
    // Newer versions: a score across segments, a time across midnight, another comment, a
    // comment removed, a type change out of NPS and back, and a replay.
    await importJson([
      { ...rows[0], score: 10, updated_at: t0 + 10_000 },
      { ...rows[1], created_at: t0 - 86_400, updated_at: t0 + 10_000 },
      { ...rows[2], comment: 'love the support', updated_at: t0 + 10_000 },
      { ...rows[6], comment: null, updated_at: t0 + 10_000 },
      { ...rows[7], survey_type: 'csat', score: 3, updated_at: t0 + 10_000 },
      { ...rows[8], survey_type: 'csat', score: 4, updated_at: t0 + 10_000 },
      rows[9],
    ]);
    await expectThemeMentionsConsistent(environmentId);
    await importJson([{ ...rows[8], score: 9, updated_at: t0 + 20_000 }]);
    await expectThemeMentionsConsistent(environmentId);
    // A new dictionary: the job rewrites the mentions, part of it, then the rest.
    await setThemes([
      { name: 'Speed', patterns: ['slow'] },
      { name: 'Support', patterns: ['support'] },
    ]);
    await runJob(5);
    await expectThemeMentionsConsistent(environmentId);
    expect((await runJob()).runCommentAnalysis.finished).toBe(true);
    const cells = await expectThemeMentionsConsistent(environmentId);
    expect(cells).toBeGreaterThan(4);
    // An analysis deleted outright.
    await withTestDatabase((client) =>
      client.query(
        `DELETE FROM comment_analysis a USING survey_responses r
          WHERE r.environment_id = a.environment_id AND r.id = a.response_row_id
            AND a.environment_id = $1 AND r.response_id IN ('r0', 'r2', 'r13')`,
        [environmentId],
      ),
    );
    await expectThemeMentionsConsistent(environmentId);
    // The job analyses a response a writer is changing (score and day) in a transaction open
    // meanwhile: whichever commits first, the other must see it.
    await setThemes([{ name: 'Bugs', patterns: ['buggy'] }]);
    await withTestDatabase(async (writer) => {
      await writer.query('BEGIN');
      const [{ pid }] = (await writer.query('SELECT pg_backend_pid() AS pid')).rows;
      await writer.query(
        `UPDATE survey_responses SET score = 10, responded_at = responded_at + interval '2 days'
          WHERE environment_id = $1 AND response_id IN ('r14', 'r21')`,
        [environmentId],
      );
      let done = false;
      const job = runJob().then(() => (done = true));
      // Wait until the job waits for the writer's row locks (or, without them, finishes).
      await withTestDatabase(async (watcher) => {
        for (;;) {
          const waiting = await watcher.query(
            `SELECT 1 FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`,
            [pid],
          );
          if (waiting.rows.length > 0 || done) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      });
      await writer.query('COMMIT');
      await job;
    });
    await expectThemeMentionsConsistent(environmentId);
  });
});
