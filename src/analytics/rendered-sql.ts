import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { accountsSqlExamples } from './accounts/accounts.sql-examples';
import { changeSqlExamples } from './change/change.sql-examples';
import { distributionSqlExamples } from './distribution/distribution.sql-examples';
import { transitionsSqlExamples } from './transitions/transitions.sql-examples';
import { correlationsSqlExamples } from './correlations/correlations.sql-examples';
import { responsesSqlExamples } from './responses/responses.sql-examples';
import { segmentsSqlExamples } from './segments/segments.sql-examples';
import { type SqlExample, renderSqlFile } from './sql/sql-example';
import { summarySqlExamples } from './summary/summary.sql-examples';
import { themesSqlExamples } from './themes/themes.sql-examples';
import { trendSqlExamples } from './trend/trend.sql-examples';

/** A committed .sql file and the text it must have. */
export interface RenderedSqlFile {
  /** Relative to src/analytics. */
  path: string;
  text: string;
}

function file(
  path: string,
  repository: string,
  sources: string,
  examples: SqlExample[],
): RenderedSqlFile {
  const header = `The SQL ${repository} sends, rendered for example inputs from ${sources}
by \`npm run sql:render\`; \`npm run sql:check\` fails when this file is stale. Do not edit.`;
  return { path, text: renderSqlFile(header, examples) };
}

function isMembersExample(example: SqlExample): boolean {
  return /segmentMembers|eventTypeKnown/.test(example.method);
}

/** Every analytics repository's statements, beside it as <question>/<question>.repository.sql. */
export function renderedSqlFiles(): RenderedSqlFile[] {
  return [
    file(
      'summary/summary.repository.sql',
      'SummaryRepository (npsSummary)',
      'sql/window-counts.sql.ts',
      summarySqlExamples(),
    ),
    file(
      'trend/trend.repository.sql',
      'TrendRepository (npsTrend)',
      'sql/engagement-tiers.sql.ts, sql/engagement-histogram.sql.ts and sql/window-counts.sql.ts',
      trendSqlExamples(),
    ),
    // Two files for SegmentsRepository, so each stays readable: counts and usage, then members.
    file(
      'segments/segments.repository.sql',
      'SegmentsRepository (segmentSummary, segmentComparison)',
      'segments.sql.ts and sql/newest-response.sql.ts',
      segmentsSqlExamples().filter((example) => !isMembersExample(example)),
    ),
    file(
      'segments/segment-members.repository.sql',
      'SegmentsRepository (segmentMembers)',
      'segments.sql.ts',
      segmentsSqlExamples().filter(isMembersExample),
    ),
    file(
      'correlations/correlations.repository.sql',
      'CorrelationsRepository (activityCorrelations)',
      'correlations.sql.ts and sql/newest-response.sql.ts',
      correlationsSqlExamples(),
    ),
    file(
      'responses/responses.repository.sql',
      'ResponsesRepository (surveyResponses)',
      'responses.sql.ts',
      responsesSqlExamples(),
    ),
    file(
      'change/change.repository.sql',
      'ChangeRepository (npsChange)',
      'change.sql.ts and sql/engagement-tiers.sql.ts',
      changeSqlExamples(),
    ),
    file(
      'distribution/distribution.repository.sql',
      'DistributionRepository (scoreDistribution)',
      'distribution.sql.ts',
      distributionSqlExamples(),
    ),
    file(
      'transitions/transitions.repository.sql',
      'TransitionsRepository (segmentTransitions)',
      'transitions.sql.ts',
      transitionsSqlExamples(),
    ),
    file(
      'accounts/accounts.repository.sql',
      'AccountsRepository (accounts, accountSummary)',
      'accounts.sql.ts and account-counts.sql.ts',
      accountsSqlExamples(),
    ),
    file(
      'themes/themes.repository.sql',
      'ThemesRepository (themeImpact, themeTrend, themeSuggestions, themeActivity, sentimentSplit)',
      'themes.sql.ts and sql/response-scope.sql.ts',
      themesSqlExamples(),
    ),
  ];
}

/** All .sql files under `directory`, relative to it. */
function sqlFilesUnder(directory: string, prefix = ''): string[] {
  return readdirSync(join(directory, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return sqlFilesUnder(directory, path);
    return entry.name.endsWith('.sql') ? [path] : [];
  });
}

/**
 * What is wrong with the committed .sql files under `analyticsDirectory` (src/analytics): missing
 * or stale ones, and ones no repository renders any more. Empty when all are current.
 */
export function renderedSqlProblems(analyticsDirectory: string): string[] {
  const files = renderedSqlFiles();
  const problems = files.flatMap(({ path, text }) => {
    const target = join(analyticsDirectory, path);
    if (!existsSync(target)) return [`${path} is missing`];
    return readFileSync(target, 'utf8') === text ? [] : [`${path} is stale`];
  });
  const rendered = new Set(files.map((file) => file.path));
  const orphans = sqlFilesUnder(analyticsDirectory)
    .filter((path) => !rendered.has(path))
    .map((path) => `${path} is rendered by nothing (delete it)`);
  return [...problems, ...orphans];
}
