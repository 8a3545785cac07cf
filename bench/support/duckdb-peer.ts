/**
 * The columnar peer of bench:analytics: the same dataset exported from PostgreSQL as CSV, read
 * by DuckDB's built-in CSV reader into an in-process database (no extension is downloaded), and
 * each figure as one DuckDB statement whose rows have the shape of the query's SQL floor, so the
 * query's own check compares the service's answer with DuckDB's numbers.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { Client } from 'pg';
import type { MeasuredQuery } from './analytics-queries';

export interface PeerStatement {
  sql: string;
  params: unknown[];
}

/** A timestamp parameter as DuckDB's TIMESTAMP (UTC) reads it. */
const ts = (value: unknown) =>
  new Date(String(value)).toISOString().replace('T', ' ').replace('Z', '');

const COUNTS = `count(*) AS responses, count(*) FILTER (WHERE score >= 9) AS promoters,
  count(*) FILTER (WHERE score BETWEEN 7 AND 8) AS passives, count(*) FILTER (WHERE score <= 6) AS detractors`;

/** Each respondent's latest NPS response (the dataset ends before now). */
const LATEST = `SELECT DISTINCT ON (person) * FROM responses
  ORDER BY person, responded_at DESC, id DESC`;

/** The peer statement of a measured query (by its name), or null when it has none. */
export function peerStatement(query: MeasuredQuery): PeerStatement | null {
  const [, a, b, windowDays] = query.floor.params;
  const name = query.name;
  if (name.startsWith('npsTrend WEEK'))
    return {
      sql: `SELECT date_trunc('week', responded_at) AS week, ${COUNTS}, sum(score) AS "scoreSum"
              FROM responses WHERE responded_at >= $1::TIMESTAMP AND responded_at < $2::TIMESTAMP GROUP BY 1`,
      params: [ts(a), ts(b)],
    };
  if (name.startsWith('npsSummary'))
    return {
      sql: `SELECT ${COUNTS}, sum(score) AS "scoreSum" FROM responses
             WHERE responded_at >= $1::TIMESTAMP AND responded_at < $2::TIMESTAMP`,
      params: [ts(a), ts(b)],
    };
  if (name.startsWith('segmentSummary'))
    return { sql: `SELECT ${COUNTS} FROM (${LATEST}) l`, params: [] };
  if (name.startsWith('segmentMembers'))
    return {
      sql: `SELECT l.id, l.person_id AS "personId", l.responded_at AS "respondedAt" FROM (${LATEST}) l
             WHERE l.score >= 9 AND ($1::TIMESTAMP IS NULL OR l.responded_at < $1::TIMESTAMP
                                     OR (l.responded_at = $1::TIMESTAMP AND l.id < $2::BIGINT))
             ORDER BY l.responded_at DESC, l.id DESC LIMIT 51`,
      params: [a === null ? null : ts(a), b],
    };
  if (name.startsWith('activityCorrelations'))
    return {
      sql: `WITH observations AS (
              SELECT DISTINCT ON (user_id) user_id, score, responded_at FROM responses
               WHERE user_id IS NOT NULL AND responded_at >= $1::TIMESTAMP AND responded_at < $2::TIMESTAMP
               ORDER BY user_id, responded_at DESC, id DESC),
            per_user AS (
              SELECT e.name, o.user_id, o.score, count(*) AS x FROM observations o
                JOIN events e ON e.user_id = o.user_id AND e.event_time >= o.responded_at - to_hours(24 * $3::INTEGER)
                 AND e.event_time < o.responded_at AND e.name <> 'Submit Survey'
               GROUP BY ALL)
            SELECT name, count(*) AS "usersWith", (SELECT count(*) FROM observations) AS observations
              FROM per_user GROUP BY name`,
      params: [ts(a), ts(b), windowDays],
    };
  if (name.startsWith('npsTrend MONTH + engagement'))
    return {
      sql: `WITH activity AS (
              SELECT r.id, count(*) AS events FROM responses r
                JOIN events e ON e.user_id = r.user_id AND e.name <> 'Submit Survey'
                 AND e.event_time >= r.responded_at - INTERVAL '720 hours' AND e.event_time < r.responded_at
               WHERE r.responded_at >= $1::TIMESTAMP AND r.responded_at < $2::TIMESTAMP
               GROUP BY r.id)
            SELECT date_trunc('month', r.responded_at) AS month,
                   CASE WHEN r.user_id IS NULL THEN NULL
                        ELSE (coalesce(a.events, 0) >= 1)::INT + (coalesce(a.events, 0) >= 5)::INT
                             + (coalesce(a.events, 0) >= 20)::INT END AS tier,
                   ${COUNTS}
              FROM responses r LEFT JOIN activity a ON a.id = r.id
             WHERE r.responded_at >= $1::TIMESTAMP AND r.responded_at < $2::TIMESTAMP
             GROUP BY ALL`,
      params: [ts(a), ts(b)],
    };
  if (name.startsWith('segmentComparison'))
    return {
      sql: `WITH latest AS (${LATEST}),
            activity AS (
              SELECT l.id, count(*) AS events FROM latest l
                JOIN events e ON e.user_id = l.user_id AND e.name = $1
                 AND e.event_time >= l.responded_at - INTERVAL '720 hours' AND e.event_time < l.responded_at
               GROUP BY l.id)
            SELECT CASE WHEN l.score >= 9 THEN 'PROMOTER' WHEN l.score >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END AS segment,
                   count(*) AS members, count(l.user_id) AS matched,
                   count(*) FILTER (WHERE a.events > 0) AS "withEvent"
              FROM latest l LEFT JOIN activity a ON a.id = l.id GROUP BY 1`,
      params: [a],
    };
  return null;
}

/** DuckDB holding the environment's NPS responses and events, loaded from CSV files. */
export interface DuckDbPeer {
  rows(statement: PeerStatement): Promise<Array<Record<string, unknown>>>;
  /** Seconds spent exporting from PostgreSQL and loading into DuckDB. */
  loadSeconds: number;
  close(): void;
}

export async function openDuckDbPeer(client: Client, environmentId: string): Promise<DuckDbPeer> {
  const started = process.hrtime.bigint();
  // Written by the PostgreSQL server (COPY … TO a file), which may run as another user.
  const folder = mkdtempSync(join(tmpdir(), 'nps-duckdb-'));
  chmodSync(folder, 0o777);
  const file = (name: string) => join(folder, name);
  const utc = (column: string) =>
    `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')`;
  try {
    await client.query(
      `COPY (SELECT id, coalesce(person_id, 'response:' || response_id) AS person, person_id, user_id, score,
                    ${utc('responded_at')} AS responded_at
               FROM survey_responses WHERE environment_id = ${Number(environmentId)} AND is_nps)
         TO '${file('responses.csv')}' WITH (FORMAT csv, HEADER)`,
    );
    await client.query(
      `COPY (SELECT user_id, name, ${utc('time')} AS event_time FROM events
              WHERE environment_id = ${Number(environmentId)})
         TO '${file('events.csv')}' WITH (FORMAT csv, HEADER)`,
    );
    const instance = await DuckDBInstance.create(':memory:');
    const connection: DuckDBConnection = await instance.connect();
    await connection.run(
      `CREATE TABLE responses AS SELECT * FROM read_csv('${file('responses.csv')}', header = true,
         columns = {'id': 'BIGINT', 'person': 'VARCHAR', 'person_id': 'VARCHAR', 'user_id': 'BIGINT',
                    'score': 'INTEGER', 'responded_at': 'TIMESTAMP'})`,
    );
    await connection.run(
      `CREATE TABLE events AS SELECT * FROM read_csv('${file('events.csv')}', header = true,
         columns = {'user_id': 'BIGINT', 'name': 'VARCHAR', 'event_time': 'TIMESTAMP'})`,
    );
    return {
      loadSeconds: Number(process.hrtime.bigint() - started) / 1e9,
      async rows(statement) {
        const reader = await connection.runAndReadAll(statement.sql, statement.params as never);
        return reader.getRowObjectsJS() as Array<Record<string, unknown>>;
      },
      close() {
        connection.closeSync();
        instance.closeSync();
      },
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
