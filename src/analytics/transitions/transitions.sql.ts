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

/**
 * One row: how many NPS responses lie before the range, in it and after it, by whole UTC days of
 * nps_rollup_1d (the days holding the bounds count as in it): what the two ways of counting
 * response_pairs cost.
 */
export function responsesAroundRangeStatement(environmentId: string, range: TimeWindow): NamedSql {
  return withParameters(
    sql`
      -- One row: "before" (days ending by :from), "inside" and "after" (days from :to on).
      SELECT coalesce(sum(d.responses) FILTER (WHERE d.day + interval '1 day' <= :from::timestamptz), 0)::int AS before,
             coalesce(sum(d.responses) FILTER (WHERE d.day >= :to::timestamptz), 0)::int AS after,
             coalesce(sum(d.responses), 0)::int AS total
        FROM nps_rollup_1d d
       WHERE d.environment_id = :environmentId`,
    { environmentId, from: range.from.toISOString(), to: range.to.toISOString() },
  );
}

/**
 * The counts of transitionCountsStatement without a filter, from response_pairs: the pairs whose
 * previous response is at or after :from and whose response is before :to (an index-only range
 * of previous times in the range, as a previous response precedes its response); a
 * respondent is counted by the pair whose previous response is their first in the range
 * (chain_at null or before :from).
 */
export function transitionCountsFromPairsStatement(
  environmentId: string,
  range: TimeWindow,
): NamedSql {
  return withParameters(
    sql`
      -- One row per (from, to) cell with pairs: its count; and one total row (from and to null)
      -- with the pairs and the respondents having two or more responses in the range.
      SELECT ${segmentOf('p.previous_score')} AS "from", ${segmentOf('p.score')} AS "to",
             count(*)::int AS pairs,
             count(*) FILTER (WHERE p.chain_at IS NULL OR p.chain_at < :from::timestamptz)::int AS respondents,
             grouping(${segmentOf('p.previous_score')}, ${segmentOf('p.score')}) = 3 AS total
        FROM response_pairs p
       WHERE p.environment_id = :environmentId
         AND p.previous_at >= :from::timestamptz AND p.previous_at < :to::timestamptz
         AND p.responded_at < :to::timestamptz
       GROUP BY GROUPING SETS ((1, 2), ())`,
    { environmentId, from: range.from.toISOString(), to: range.to.toISOString() },
  );
}

const SEGMENTS = ['PROMOTER', 'PASSIVE', 'DETRACTOR'];

/** response_pair_counts' one row as (previous segment, segment, pairs, chained) rows. */
const TOTAL_CELLS = SEGMENTS.flatMap((from) =>
  SEGMENTS.map((to) => {
    const column = `${from}_${to}`.toLowerCase();
    return `('${from}', '${to}', totals.${column}, totals.chained_${column})`;
  }),
).join(',\n');

/**
 * The same counts as the environment's totals (response_pair_counts) less the pairs outside the
 * range, for a range that leaves few out: pairs with the previous response before :from, plus
 * those with the response at or after :to, less those that are both (spanning the range).
 * Respondents are the pairs less those whose previous response has one before it in the range
 * (chain_at ≥ :from), counted the same way over (chain_at, responded_at).
 */
export function transitionCountsFromTailsStatement(
  environmentId: string,
  range: TimeWindow,
): NamedSql {
  return withParameters(
    sql`
      -- One row per (from, to) cell with pairs: its count; and one total row (from and to null)
      -- with the pairs and the respondents having two or more responses in the range.
      WITH before_range AS (
        SELECT ${segmentOf('p.previous_score')} AS "from", ${segmentOf('p.score')} AS "to", count(*) AS pairs
          FROM response_pairs p
         WHERE p.environment_id = :environmentId AND p.previous_at < :from::timestamptz
         GROUP BY 1, 2
      ),
      after_range AS (
        SELECT ${segmentOf('p.previous_score')} AS "from", ${segmentOf('p.score')} AS "to", count(*) AS pairs,
               count(*) FILTER (WHERE p.previous_at < :from::timestamptz) AS spanning,
               count(*) FILTER (WHERE p.chain_at IS NOT NULL) AS chained,
               count(*) FILTER (WHERE p.chain_at < :from::timestamptz) AS chained_spanning
          FROM response_pairs p
         WHERE p.environment_id = :environmentId AND p.responded_at >= :to::timestamptz
         GROUP BY 1, 2
      ),
      cells AS (
        SELECT t.previous_segment AS "from", t.segment AS "to",
               t.pairs - coalesce(b.pairs, 0) - coalesce(a.pairs, 0) + coalesce(a.spanning, 0) AS pairs,
               t.chained - coalesce(a.chained, 0) + coalesce(a.chained_spanning, 0) AS chained_before_to
          FROM response_pair_counts totals
         CROSS JOIN LATERAL (VALUES ${TOTAL_CELLS}) AS t(previous_segment, segment, pairs, chained)
          LEFT JOIN before_range b ON b."from" = t.previous_segment AND b."to" = t.segment
          LEFT JOIN after_range a ON a."from" = t.previous_segment AND a."to" = t.segment
         WHERE totals.environment_id = :environmentId
      ),
      chained_before_from AS (
        SELECT count(*) AS pairs FROM response_pairs p
         WHERE p.environment_id = :environmentId AND p.chain_at < :from::timestamptz
      )
      SELECT "from", "to", pairs::int AS pairs, NULL::int AS respondents, false AS total
        FROM cells WHERE pairs > 0
      UNION ALL
      SELECT NULL, NULL, coalesce(sum(c.pairs), 0)::int,
             (coalesce(sum(c.pairs), 0) - coalesce(sum(c.chained_before_to), 0)
              + (SELECT pairs FROM chained_before_from))::int,
             true
        FROM cells c`,
    { environmentId, from: range.from.toISOString(), to: range.to.toISOString() },
  );
}

/** The scores of each segment (NPS scores are 0–10), as bounds the planner can estimate. */
const SEGMENT_SCORES: Record<string, [number, number]> = {
  PROMOTER: [9, 10],
  PASSIVE: [7, 8],
  DETRACTOR: [0, 6],
};

/**
 * transitionPairsStatement without a filter, from response_pairs: the cell's pairs latest first
 * (a backward range of the time index), then the respondent and user of those only.
 */
export function transitionPairsFromTableStatement(
  environmentId: string,
  range: TimeWindow,
  cell: { from: string; to: string },
  limit: number,
): NamedSql {
  const [fromLow, fromHigh] = SEGMENT_SCORES[cell.from];
  const [toLow, toHigh] = SEGMENT_SCORES[cell.to];
  return withParameters(
    sql`
      -- Up to :limit pairs of the cell, the latest first: the respondent, both scores and times,
      -- and the matched user.
      SELECT r.email, r.person_id AS "personId", p.previous_score AS "previousScore",
             p.previous_at AS "previousAt", p.score, p.responded_at AS "respondedAt", r.comment,
             mu.identity AS "userIdentity", mu.properties AS "userProperties", mu.id AS "userId"
        FROM (
          SELECT p.response_row_id, p.previous_score, p.previous_at, p.score, p.responded_at
            FROM response_pairs p
           WHERE p.environment_id = :environmentId
             AND p.previous_at >= :from::timestamptz AND p.responded_at < :to::timestamptz
             AND p.previous_score BETWEEN :fromLow::int AND :fromHigh::int
             AND p.score BETWEEN :toLow::int AND :toHigh::int
           ORDER BY p.responded_at DESC, p.response_row_id DESC
           LIMIT :limit
        ) p
        JOIN survey_responses r ON r.environment_id = :environmentId AND r.id = p.response_row_id
        LEFT JOIN users mu ON mu.environment_id = :environmentId AND mu.id = r.user_id
       ORDER BY p.responded_at DESC, p.response_row_id DESC`,
    {
      environmentId,
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      fromLow,
      fromHigh,
      toLow,
      toHigh,
      limit,
    },
  );
}
