/**
 * The comment analysis part of the analytics benchmark: the sentiment and theme backfill of every
 * stored comment (the dataset is written in SQL, so none is analysed yet), timed through
 * runCommentAnalysis with the service's peak RSS, and themeImpact over the two years beside its
 * plain-SQL floor.
 */
import { STARTER_THEMES } from '../../src/text/starter-themes';
import type { ServiceProcess } from '../../tools/harness/service-process';
import type { MeasuredQuery, QueryContext } from './analytics-queries';

interface GraphqlClient {
  data<T>(key: string, query: string, variables?: Record<string, unknown>): Promise<T>;
}

export interface BackfillFigures {
  comments: number;
  seconds: number;
  perSecond: number;
  peakRssMb: number | null;
}

/** Restarts the environment's analysis (setThemes with the starter set) and runs it to the end. */
export async function measureCommentBackfill(
  http: GraphqlClient,
  adminKey: string,
  environmentId: string,
  service: ServiceProcess,
): Promise<BackfillFigures> {
  await http.data(
    adminKey,
    `mutation($env: ID!, $themes: [ThemeInput!]!) { setThemes(environmentId: $env, themes: $themes) { id } }`,
    {
      env: environmentId,
      themes: STARTER_THEMES.map((t) => ({ name: t.name, patterns: [...t.patterns] })),
    },
  );
  const started = process.hrtime.bigint();
  const { runCommentAnalysis } = await http.data<{
    runCommentAnalysis: { total: number; done: number; finished: boolean };
  }>(
    adminKey,
    `mutation($env: ID!) { runCommentAnalysis(environmentId: $env) { total done finished } }`,
    { env: environmentId },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!runCommentAnalysis.finished || runCommentAnalysis.done !== runCommentAnalysis.total)
    throw new Error(`comment backfill did not finish: ${JSON.stringify(runCommentAnalysis)}`);
  const peak = service.peakRssBytes();
  return {
    comments: runCommentAnalysis.total,
    seconds,
    perSecond: runCommentAnalysis.total / seconds,
    peakRssMb: peak === null ? null : peak / 1024 / 1024,
  };
}

/** themeImpact over the dataset's two years; the floor counts mentions per theme in one statement. */
export function themeImpactQuery(context: QueryContext): MeasuredQuery {
  const env = context.environmentId;
  return {
    name: 'themeImpact, 2 years',
    targetMs: 150,
    query: `query($env: ID!, $from: DateTime!, $to: DateTime!) { environment(id: $env) {
      themeImpact(from: $from, to: $to) { theme { id name } mentions npsWith impact } } }`,
    variables: { env, from: context.from.toISOString(), to: context.to.toISOString() },
    floor: {
      sql: `SELECT t.id::text AS "themeId", count(*)::int AS mentions
              FROM survey_responses r
              JOIN comment_analysis a ON a.environment_id = r.environment_id AND a.response_row_id = r.id
              CROSS JOIN LATERAL unnest(a.theme_ids) AS m(theme_id)
              JOIN comment_themes t ON t.environment_id = r.environment_id AND t.id = m.theme_id
             WHERE r.environment_id = $1 AND r.is_nps AND r.responded_at >= $2 AND r.responded_at < $3
             GROUP BY t.id`,
      params: [env, context.from.toISOString(), context.to.toISOString()],
    },
    check(data, floorRows) {
      const rows = (
        data as { environment: { themeImpact: Array<{ theme: { id: string }; mentions: number }> } }
      ).environment.themeImpact;
      const floor = new Map(floorRows.map((row) => [String(row.themeId), Number(row.mentions)]));
      for (const row of rows) {
        if ((floor.get(row.theme.id) ?? 0) !== row.mentions)
          throw new Error(
            `themeImpact: theme ${row.theme.id} has ${row.mentions} mentions, the SQL floor ${floor.get(row.theme.id) ?? 0}`,
          );
      }
    },
    capture: (service, principal) =>
      service.themeImpact(principal, env, { from: context.from, to: context.to }),
  };
}
