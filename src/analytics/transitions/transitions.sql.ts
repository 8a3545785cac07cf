import type { NamedSql } from '../../database/named-sql';
import { sql, withParameters } from '../sql/named-fragment';
import { type ResponseScope, npsResponses } from '../sql/response-scope.sql';
import type { TimeWindow } from '../sql/slots';

/** The segment of a score column, as NpsSegment spells it. */
function segmentOf(score: string): string {
  return `CASE WHEN ${score} >= 9 THEN 'PROMOTER' WHEN ${score} >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END`;
}

/**
 * CTE `paired`: every NPS response in the range with the one before it of the same respondent
 * in the range (previous_* null for each respondent's first), by response time then id.
 */
function pairedResponses(scope: ResponseScope, range: TimeWindow): NamedSql {
  return withParameters(
    sql`
      paired AS (
        SELECT b.*,
               lag(b.score) OVER w AS previous_score, lag(b.responded_at) OVER w AS previous_at
          FROM (
            ${npsResponses(scope)}
          ) b
         WHERE b.responded_at >= :from::timestamptz AND b.responded_at < :to::timestamptz
        WINDOW w AS (PARTITION BY b.person ORDER BY b.responded_at, b.id)
      )`,
    { from: range.from.toISOString(), to: range.to.toISOString() },
  );
}

/** Consecutive pairs per (earlier segment, later segment), and the respondents they come from. */
export function transitionCountsStatement(scope: ResponseScope, range: TimeWindow): NamedSql {
  return sql`
    -- One row per (from, to) cell with pairs: its count; and one total row (from and to null)
    -- with the pairs and the respondents having two or more responses in the range.
    WITH ${pairedResponses(scope, range)}
    SELECT ${segmentOf('previous_score')} AS "from", ${segmentOf('score')} AS "to",
           count(*)::int AS pairs, count(DISTINCT person)::int AS respondents,
           grouping(${segmentOf('previous_score')}, ${segmentOf('score')}) = 3 AS total
      FROM paired
     WHERE previous_score IS NOT NULL
     GROUP BY GROUPING SETS ((1, 2), ())`;
}

/** The pairs of one cell, the latest later response first. */
export function transitionPairsStatement(
  scope: ResponseScope,
  range: TimeWindow,
  cell: { from: string; to: string },
  limit: number,
): NamedSql {
  return withParameters(
    sql`
      -- Up to :limit pairs of the cell, the latest first: the respondent, both scores and times,
      -- and the matched user.
      WITH ${pairedResponses(scope, range)}
      SELECT p.email, p.person_id AS "personId", p.previous_score AS "previousScore",
             p.previous_at AS "previousAt", p.score, p.responded_at AS "respondedAt", p.comment,
             mu.identity AS "userIdentity", mu.properties AS "userProperties", mu.id AS "userId"
        FROM paired p
        LEFT JOIN users mu ON mu.environment_id = :environmentId AND mu.id = p.user_id
       WHERE p.previous_score IS NOT NULL
         AND ${segmentOf('p.previous_score')} = :fromSegment AND ${segmentOf('p.score')} = :toSegment
       ORDER BY p.responded_at DESC, p.id DESC
       LIMIT :limit`,
    {
      environmentId: scope.environmentId,
      fromSegment: cell.from,
      toSegment: cell.to,
      limit,
    },
  );
}
