/**
 * The reference dataset of the analytics benchmark, generated directly in SQL with
 * `INSERT … SELECT FROM generate_series`: at scale 1, 200,000 users, 1,000,000 NPS responses over
 * two years (plus 10 % csat responses on top), 10,000,000 activity events over 50 event types, a
 * Submit Survey event per matched response and a consistent `event_types` rollup.
 *
 * Shape (reusable by other benchmarks and tests that need realistic volume):
 * - Users `bench-user-<g>` with properties `{email, plan, company, arr}` (one company per ten
 *   users, revenue on every third), `email_normalized`, `account` and `account_revenue` set; each has a
 *   latent activity level (log-normal) and a latent mood correlated with it (ρ = 0.5).
 * - Activity events: each user's count is proportional to their activity (exact total), spread
 *   uniformly over the two years and inserted in time order, as ingestion would have written
 *   them. 40 neutral types with Zipf-like popularity; 5 "positive" types done more by happy users
 *   and 5 "negative" ones done more by unhappy users.
 * - Responses: ~70 % from users (person `person-u<g>`, email = the user's, sometimes with other
 *   case or spaces, `user_id` set), ~30 % from 100,000 people unknown to the product (`person-x<k>`,
 *   a fifth of them SMS-only with a null email). People answer several times (about 3.5 each).
 *   Scores follow the respondent's mood plus noise (plus a slight upward drift over time), so
 *   they relate to engagement. Two in five carry a comment (and an update time), as the comment figures assume.
 * - Submit Survey events (idempotency key `survey:<response id>`) mirror every matched response
 *   with the properties `syncSubmitSurveyEvents` writes.
 * - Written through the tables' own triggers (e.g. rollups maintained by statement triggers on
 *   survey_responses stay consistent); VACUUM ANALYZE at the end, so that plans and visibility
 *   are in a steady state.
 *
 * Deterministic for a given seed and `now` (PostgreSQL's setseed; the statements run serially).
 */
import type { Client } from 'pg';

export const REFERENCE_DAYS = 730;
const DAY_MS = 24 * 60 * 60 * 1000;

/** 40 neutral types (most popular first), then 5 positive and 5 negative ones. */
export const ACTIVITY_EVENT_TYPES: readonly string[] = [
  'View Page',
  'Open Dashboard',
  'Search',
  'View Report',
  'Filter Results',
  'Open Project',
  'Edit Record',
  'Create Record',
  'Upload File',
  'Download File',
  'Comment',
  'View Notification',
  'Open Settings',
  'Sort Table',
  'Export CSV',
  'Add Tag',
  'Remove Tag',
  'Archive Record',
  'Restore Record',
  'Duplicate Record',
  'Open Calendar',
  'Create Task',
  'Complete Task',
  'Assign Task',
  'Start Timer',
  'Stop Timer',
  'View Profile',
  'Edit Profile',
  'Change Avatar',
  'Open Help Center',
  'Watch Tutorial',
  'Use Keyboard Shortcut',
  'Toggle Dark Mode',
  'Connect Device',
  'Sync Mobile App',
  'Print Page',
  'Bulk Edit',
  'Merge Records',
  'View Changelog',
  'Rate Feature',
  // Positive: done more by happy users.
  'Share Report',
  'Invite Teammate',
  'Create Dashboard',
  'Schedule Export',
  'Use Integration',
  // Negative: done more by unhappy users.
  'Contact Support',
  'View Error Page',
  'Failed Login',
  'View Pricing Page',
  'Open Cancellation Flow',
];

export interface ReferenceCounts {
  users: number;
  npsResponses: number;
  otherResponses: number;
  /** People who answer surveys without being users (a fifth of them SMS-only). */
  strangers: number;
  activityEvents: number;
}

export function referenceCounts(scale: number): ReferenceCounts {
  if (!(scale > 0 && scale <= 10)) throw new Error(`scale must be in (0, 10], got ${scale}`);
  const npsResponses = Math.max(1, Math.round(1_000_000 * scale));
  return {
    users: Math.max(1, Math.round(200_000 * scale)),
    npsResponses,
    otherResponses: Math.round(npsResponses / 10),
    strangers: Math.max(1, Math.round(100_000 * scale)),
    activityEvents: Math.max(1, Math.round(10_000_000 * scale)),
  };
}

export interface ReferenceDatasetOptions {
  /** Progress lines. */
  log?: (message: string) => void;
  /** End of the two-year span (exclusive); default: the start of the current hour. */
  now?: Date;
  /** setseed() value in [-1, 1]; default 0.42. */
  seed?: number;
  /** Time chunks the events are written in (progress granularity); default 24. */
  chunks?: number;
  /**
   * When `events` is empty (a fresh database nobody else reads), drop its secondary indexes and
   * foreign keys while loading and recreate them after (triggers stay): much faster. Default
   * true; false keeps them in place.
   */
  rebuildIndexes?: boolean;
}

export interface ReferenceDataset {
  environmentId: string;
  counts: ReferenceCounts;
  /** Start (inclusive) and end (exclusive) of the span the responses and events fall in. */
  from: Date;
  to: Date;
  /** Rows actually written. */
  rows: {
    users: number;
    npsResponses: number;
    otherResponses: number;
    matchedNpsResponses: number;
    activityEvents: number;
    submitSurveyEvents: number;
    eventTypes: number;
  };
  /** Wall-clock seconds per step. */
  seconds: Record<string, number>;
}

/** A new environment (UTC, email property `email`) for the reference dataset; returns its id. */
export async function createReferenceEnvironment(
  client: Client,
  name = 'analytics-reference',
): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO environments (name, timezone, email_property) VALUES ($1, 'UTC', 'email') RETURNING id`,
    [name],
  );
  return rows[0].id;
}

/**
 * Loads the reference dataset at `scale` (1 = the reference scale) into an existing
 * environment whose email property is `email` (set when still unset). Uses temporary tables of
 * the session; leaves the session's settings as it found them.
 */
export async function buildReferenceDataset(
  client: Client,
  environmentId: string,
  scale: number,
  options: ReferenceDatasetOptions = {},
): Promise<ReferenceDataset> {
  const log = options.log ?? (() => undefined);
  const counts = referenceCounts(scale);
  const to = options.now ?? new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  const from = new Date(to.getTime() - REFERENCE_DAYS * DAY_MS);
  const chunks = options.chunks ?? 24;
  const seconds: Record<string, number> = {};
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = process.hrtime.bigint();
    const result = await work();
    seconds[name] = Number(process.hrtime.bigint() - started) / 1e9;
    log(`  ${name}: ${seconds[name].toFixed(1)} s`);
    return result;
  };

  const environment = await client.query<{ email_property: string | null }>(
    `SELECT email_property FROM environments WHERE id = $1`,
    [environmentId],
  );
  if (environment.rowCount === 0) throw new Error(`environment ${environmentId} does not exist`);
  const emailProperty = environment.rows[0].email_property;
  if (emailProperty === null) {
    await client.query(`UPDATE environments SET email_property = 'email' WHERE id = $1`, [
      environmentId,
    ]);
  } else if (emailProperty !== 'email') {
    throw new Error(`environment ${environmentId} has email property "${emailProperty}"`);
  }
  const existing = await client.query<{ taken: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM users WHERE environment_id = $1)
         OR EXISTS (SELECT 1 FROM survey_responses WHERE environment_id = $1) AS taken`,
    [environmentId],
  );
  if (existing.rows[0].taken) throw new Error(`environment ${environmentId} already holds data`);

  await client.query(`SET work_mem = '256MB'`);
  await client.query(`SET maintenance_work_mem = '1GB'`);
  await client.query(`SET synchronous_commit = off`);
  await client.query(`SELECT setseed($1)`, [options.seed ?? 0.42]);
  // A standard normal deviate (Box–Muller).
  await client.query(`CREATE OR REPLACE FUNCTION pg_temp.bench_normal() RETURNS float8
    LANGUAGE sql VOLATILE AS $$ SELECT sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) $$`);

  try {
    await step('people', async () => {
      await client.query(`DROP TABLE IF EXISTS pg_temp.bench_people, pg_temp.bench_strangers`);
      // Activity weight w = exp(1.1·za); mood q = 0.5·za + 0.866·zm; plan from activity + noise.
      await client.query(
        `CREATE TEMP TABLE bench_people AS
         SELECT g, 'user' || g || '@bench.example' AS email,
                CASE WHEN za + zp > 1.3 THEN 'enterprise' WHEN za + zp > 0 THEN 'pro' ELSE 'free' END AS plan,
                exp(1.1 * za) AS w, 0.5 * za + 0.866 * zm AS q, random() AS phi,
                NULL::bigint AS user_id, 0 AS n
           FROM (SELECT g, pg_temp.bench_normal() AS za, pg_temp.bench_normal() AS zm,
                        pg_temp.bench_normal() AS zp
                   FROM generate_series(1, $1::int) g) x`,
        [counts.users],
      );
      // Exact total: each user's share of the events is the step of the cumulative weight.
      await client.query(
        `UPDATE bench_people p SET n = c.n FROM (
           SELECT g, (floor($1::float8 * cum / total + 1e-6) - floor($1::float8 * (cum - w) / total + 1e-6))::int AS n
             FROM (SELECT g, w, sum(w) OVER (ORDER BY g) AS cum, sum(w) OVER () AS total
                     FROM bench_people) s) c
          WHERE p.g = c.g`,
        [counts.activityEvents],
      );
      await client.query(
        `CREATE TEMP TABLE bench_strangers AS
         SELECT k, CASE WHEN k % 5 = 0 THEN NULL ELSE 'visitor' || k || '@elsewhere.example' END AS email,
                CASE WHEN k % 5 = 0 THEN '+1555' || lpad(k::text, 7, '0') END AS phone,
                pg_temp.bench_normal() - 0.2 AS q
           FROM generate_series(1, $1::int) k`,
        [counts.strangers],
      );
      await client.query(`CREATE UNIQUE INDEX ON bench_strangers (k)`);
    });

    await step('users', async () => {
      await client.query(
        `INSERT INTO users (environment_id, identity, properties, email_normalized, account, account_revenue,
                            first_seen, last_seen)
         SELECT $1, 'bench-user-' || g,
                jsonb_build_object('email', email, 'plan', plan, 'company', company, 'arr', arr),
                lower(email), company, arr, $2, $2
           FROM (SELECT p.*, 'company-' || (p.g % $3::int) AS company,
                        -- Revenue on one user in three, so an account's revenue is its largest.
                        CASE WHEN p.g % 3 = 0 THEN 1000 + (p.g % 997) * 50 END::float8 AS arr
                   FROM bench_people p) p
          ORDER BY g`,
        [environmentId, from.toISOString(), Math.max(1, Math.round(counts.users / 10))],
      );
      // Accounts (one per ten users: 20,000 at reference scale), as setAccountProperty sets them;
      // plan a breakdown property (its rollup filled by the response triggers below).
      await client.query(
        `UPDATE environments SET account_property = 'company', revenue_property = 'arr',
                breakdown_properties = ARRAY['plan'] WHERE id = $1`,
        [environmentId],
      );
      await client.query(
        `UPDATE bench_people p SET user_id = u.id FROM users u
          WHERE u.environment_id = $1 AND u.identity = 'bench-user-' || p.g`,
        [environmentId],
      );
      await client.query(`CREATE UNIQUE INDEX ON bench_people (g)`);
      await client.query(`ANALYZE bench_people`);
      await client.query(`ANALYZE bench_strangers`);
    });

    await step('survey responses', async () => {
      // Score: mood (1.5 points per σ) + noise (1.4) around 7.6, drifting up 0.3 over two years.
      await client.query(
        `INSERT INTO survey_responses (environment_id, response_id, source, person_id, email, email_normalized,
                phone_number, survey_type, score, is_nps, comment, permalink, responded_at,
                response_updated_at, person_properties, user_id)
         SELECT $1, 'bench-' || x.i, 'bench', x.person_id, x.email, nullif(lower(btrim(x.email)), ''),
                x.phone, x.survey_type, x.score, x.survey_type = 'nps',
                CASE WHEN x.commented THEN
                  CASE WHEN x.survey_type <> 'nps' THEN 'Thanks for asking.'
                       WHEN x.score >= 9 THEN (ARRAY['Love it', 'Saves me hours every week', 'Great support team', 'The reports are excellent'])[1 + x.i % 4]
                       WHEN x.score >= 7 THEN (ARRAY['Good, but a bit slow', 'Does the job', 'Missing a few integrations'])[1 + x.i % 3]
                       ELSE (ARRAY['Too expensive', 'Keeps crashing', 'Hard to learn', 'Support never answered'])[1 + x.i % 4] END
                END,
                'https://delighted.example/r/bench-' || x.i, x.t,
                CASE WHEN x.commented THEN x.t + interval '3 minutes' END, NULL, x.user_id
           FROM (
             SELECT y.i, y.t, y.commented,
                    CASE WHEN y.i > $2::int THEN 'csat' ELSE 'nps' END AS survey_type,
                    CASE WHEN y.i > $2::int THEN least(5, greatest(1, round(3.8 + 0.6 * coalesce(p.q, s.q) + 0.8 * y.noise)))::int
                         ELSE least(10, greatest(0, round(7.6 + 0.3 * y.frac + 1.5 * coalesce(p.q, s.q) + 1.4 * y.noise)))::int
                    END AS score,
                    CASE WHEN y.matched THEN 'person-u' || y.g ELSE 'person-x' || y.k END AS person_id,
                    CASE WHEN NOT y.matched THEN s.email
                         WHEN y.case_variant THEN ' User' || y.g || '@Bench.example' ELSE p.email END AS email,
                    s.phone, p.user_id
               FROM (
                 SELECT z.*, $6::timestamptz + z.frac * ($7::timestamptz - $6::timestamptz) AS t
                   FROM (
                     SELECT i, random() < 0.7 AS matched, 1 + floor(random() * $3::int)::int AS g,
                            1 + floor(random() * $4::int)::int AS k, random() AS frac,
                            random() < 0.1 AS case_variant, random() < 0.4 AS commented,
                            pg_temp.bench_normal() AS noise
                       FROM generate_series(1, $2::int + $5::int) i
                   ) z
               ) y
               LEFT JOIN bench_people p ON y.matched AND p.g = y.g
               LEFT JOIN bench_strangers s ON NOT y.matched AND s.k = y.k
           ) x
          ORDER BY x.t`,
        [
          environmentId,
          counts.npsResponses,
          counts.users,
          counts.strangers,
          counts.otherResponses,
          from.toISOString(),
          to.toISOString(),
        ],
      );
    });

    const dropped = await step('drop events indexes and foreign keys', async () =>
      options.rebuildIndexes === false ? [] : dropSecondaryIndexesIfAlone(client),
    );
    await step('events', async () => {
      const names = ACTIVITY_EVENT_TYPES;
      for (let chunk = 0; chunk < chunks; chunk++) {
        const lo = new Date(
          from.getTime() + Math.round((chunk * (to.getTime() - from.getTime())) / chunks),
        );
        const hi =
          chunk === chunks - 1
            ? to
            : new Date(
                from.getTime() +
                  Math.round(((chunk + 1) * (to.getTime() - from.getTime())) / chunks),
              );
        // Each user's n events are split over the chunks with a per-user phase: exact totals.
        // Type: positive set with probability 0.2·σ(q), negative with 0.12·(1 − σ(q)), else one
        // of the 40 neutral types with Zipf-like popularity.
        await client.query(
          `INSERT INTO events (environment_id, user_id, name, time, properties, source, idempotency_key)
           SELECT $1, a.user_id, a.name, a.time, a.properties, 'bench', a.idempotency_key FROM (
             SELECT x.user_id, ($6::text[])[
                      CASE WHEN x.r < 0.2 * x.s THEN 41 + floor(5 * x.r2)::int
                           WHEN x.r > 1 - 0.12 * (1 - x.s) THEN 46 + floor(5 * x.r2)::int
                           ELSE 1 + floor(40 * power(x.r2, 2.2))::int END] AS name,
                    x.time, '{}'::jsonb AS properties, NULL::text AS idempotency_key
               FROM (
                 SELECT p.user_id, 1 / (1 + exp(-p.q)) AS s,
                        $3::timestamptz + random() * ($4::timestamptz - $3::timestamptz) AS time,
                        random() AS r, random() AS r2
                   FROM bench_people p
                   CROSS JOIN LATERAL generate_series(1,
                     (floor(p.n * ($2::int + 1)::float8 / $5::int + p.phi)
                      - floor(p.n * $2::int::float8 / $5::int + p.phi))::int) j
               ) x
             UNION ALL
             SELECT r.user_id, 'Submit Survey', r.responded_at,
                    jsonb_build_object(
                      'Score', r.score,
                      'Comment', r.comment,
                      'Permalink', r.permalink,
                      'Created at', to_char(r.responded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                      'Updated at', to_char(r.response_updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                      'Survey type', r.survey_type,
                      'Response id', r.response_id,
                      'Person id', r.person_id),
                    'survey:' || r.response_id
               FROM survey_responses r
              WHERE r.environment_id = $1 AND r.user_id IS NOT NULL
                AND r.responded_at >= $3::timestamptz AND r.responded_at < $4::timestamptz
           ) a
           ORDER BY a.time`,
          [environmentId, chunk, lo.toISOString(), hi.toISOString(), chunks, names],
        );
        if ((chunk + 1) % 6 === 0 || chunk === chunks - 1) {
          log(`    events: ${chunk + 1}/${chunks} time chunks written`);
        }
      }
    });
    await step('rebuild events indexes and foreign keys', async () => {
      for (const definition of dropped) await client.query(definition);
    });

    await step('rollup and users', async () => {
      await client.query(
        `INSERT INTO event_types AS et (environment_id, name, count, last_seen)
         SELECT $1, name, count(*), max(time) FROM events WHERE environment_id = $1 GROUP BY name
         ON CONFLICT (environment_id, name) DO UPDATE SET count = excluded.count, last_seen = excluded.last_seen`,
        [environmentId],
      );
      await client.query(
        `UPDATE users u SET first_seen = s.first_seen, last_seen = s.last_seen
           FROM (SELECT user_id, min(time) AS first_seen, max(time) AS last_seen FROM events
                  WHERE environment_id = $1 GROUP BY user_id) s
          WHERE u.environment_id = $1 AND u.id = s.user_id`,
        [environmentId],
      );
    });

    await step('vacuum analyze', async () => {
      for (const table of [
        'users',
        'survey_responses',
        'events',
        'event_types',
        // Filled by the triggers above.
        'nps_rollup_15m',
        'nps_rollup_1d',
        'respondent_latest',
        'respondent_segment_counts',
        'user_latest_nps',
        'response_activity_30d',
        'response_engagement_30d',
        'engagement_histogram_1d',
        'user_latest_activity_30d',
        'latest_score_counts_1d',
        'latest_activity_cells_1d',
        'user_latest_event_times',
        'property_nps_1d',
        'response_pairs',
        'response_pair_counts',
        'account_latest_counts',
        'theme_mentions_1d',
      ]) {
        await client.query(`VACUUM (ANALYZE) ${table}`);
      }
      await client.query('CHECKPOINT').catch(() => undefined);
    });
  } finally {
    await client.query(`DROP TABLE IF EXISTS pg_temp.bench_people, pg_temp.bench_strangers`);
    await client.query(`DROP FUNCTION IF EXISTS pg_temp.bench_normal()`);
    await client.query(`RESET work_mem`);
    await client.query(`RESET maintenance_work_mem`);
    await client.query(`RESET synchronous_commit`);
  }

  const { rows } = await client.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM users WHERE environment_id = $1) AS users,
            (SELECT count(*) FROM survey_responses WHERE environment_id = $1 AND is_nps) AS nps,
            (SELECT count(*) FROM survey_responses WHERE environment_id = $1 AND NOT is_nps) AS other,
            (SELECT count(*) FROM survey_responses WHERE environment_id = $1 AND is_nps AND user_id IS NOT NULL) AS matched,
            (SELECT coalesce(sum(count), 0) FROM event_types WHERE environment_id = $1 AND name <> 'Submit Survey') AS activity,
            (SELECT coalesce(sum(count), 0) FROM event_types WHERE environment_id = $1 AND name = 'Submit Survey') AS submit,
            (SELECT count(*) FROM event_types WHERE environment_id = $1) AS types`,
    [environmentId],
  );
  const row = rows[0];
  return {
    environmentId,
    counts,
    from,
    to,
    rows: {
      users: Number(row.users),
      npsResponses: Number(row.nps),
      otherResponses: Number(row.other),
      matchedNpsResponses: Number(row.matched),
      activityEvents: Number(row.activity),
      submitSurveyEvents: Number(row.submit),
      eventTypes: Number(row.types),
    },
    seconds,
  };
}

/**
 * When `events` holds no rows yet (a fresh database), drops its indexes that back no constraint
 * and its foreign keys, and returns the statements that recreate them (re-adding a foreign key
 * validates every row in one pass); otherwise drops nothing. Triggers stay in place.
 */
async function dropSecondaryIndexesIfAlone(client: Client): Promise<string[]> {
  const { rows: any } = await client.query(`SELECT 1 FROM events LIMIT 1`);
  if (any.length > 0) return [];
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
      WHERE i.indrelid = 'events'::regclass AND NOT i.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
  );
  const { rows: foreignKeys } = await client.query<{ name: string; definition: string }>(
    `SELECT quote_ident(conname) AS name, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE conrelid = 'events'::regclass AND contype = 'f'`,
  );
  for (const row of indexes) await client.query(`DROP INDEX ${row.name}`);
  for (const row of foreignKeys)
    await client.query(`ALTER TABLE events DROP CONSTRAINT ${row.name}`);
  return [
    ...indexes.map((row) => row.definition),
    ...foreignKeys.map((row) => `ALTER TABLE events ADD CONSTRAINT ${row.name} ${row.definition}`),
  ];
}

/**
 * A new reference environment named `name` with the dataset at `scale` loaded into it (progress
 * on `options.log`), and the seconds the load took.
 */
export async function loadReferenceEnvironment(
  client: Client,
  name: string,
  scale: number,
  options: ReferenceDatasetOptions & { log: (message: string) => void },
): Promise<{ dataset: ReferenceDataset; buildSeconds: number }> {
  const environmentId = await createReferenceEnvironment(client, name);
  options.log(`building the reference dataset at scale ${scale}…`);
  const started = process.hrtime.bigint();
  const dataset = await buildReferenceDataset(client, environmentId, scale, options);
  return { dataset, buildSeconds: Number(process.hrtime.bigint() - started) / 1e9 };
}
