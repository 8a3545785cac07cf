import type { NamedSql } from '../../database/named-sql';
import { COUNTS } from '../sql/category-counts';
import { sql, withParameters } from '../sql/named-fragment';
import { Dedupe, ResponseScope, windowedResponses } from '../sql/response-scope.sql';
import { type DaySplit, type TimeWindow, daySplitParameters } from '../sql/slots';

/** The segment of responses whose user lacks the property (or has none): docs, "Why NPS moved". */
export const NO_VALUE = '(none)';

/**
 * Category counts per window and value of a user property: unmatched responses and users
 * without the property (or with a blank value) have the value null.
 */
export function countsPerWindowAndValueStatement(
  scope: ResponseScope,
  windows: readonly TimeWindow[],
  dedupe: Dedupe,
  property: string,
): NamedSql {
  return withParameters(
    sql`
      -- One row per (window position, property value) that has responses: their category
      -- counts; value is null for unmatched responses and users without the property.
      WITH ${windowedResponses(scope, windows, dedupe)}
      SELECT c.position, nullif(btrim(pu.properties ->> :breakdownProperty::text), '') AS value,
             ${COUNTS}
        FROM chosen c
        LEFT JOIN users pu ON pu.environment_id = :environmentId AND pu.id = c.user_id
       GROUP BY c.position, value`,
    { environmentId: scope.environmentId, breakdownProperty: property },
  );
}

/**
 * Category counts per window and value of a breakdown property, exact for ALL_RESPONSES without
 * a filter: whole UTC days from property_nps_1d, edges (< 1 day) from the responses of that time.
 */
export function countsPerWindowAndValueFromRollupStatement(
  environmentId: string,
  split: DaySplit,
  property: string,
): NamedSql {
  // LATERAL: one index range scan per window (or edge), whatever the row estimates.
  return withParameters(
    sql`
      -- One row per (window position, property value) with rollup rows or responses: their
      -- category counts; value is null for unmatched responses and users without the property.
      WITH tallies AS (
        SELECT d.position, t.value, t.responses, t.promoters, t.passives, t.detractors, t.score_sum
          FROM unnest(:dayStarts::timestamptz[], :dayEnds::timestamptz[], :dayPositions::int[])
               AS d(day_start, day_end, position)
         CROSS JOIN LATERAL (
           SELECT t.value, t.responses, t.promoters, t.passives, t.detractors, t.score_sum FROM property_nps_1d t
            WHERE t.environment_id = :environmentId AND t.property = :breakdownProperty::text
              AND t.day >= d.day_start AND t.day < d.day_end OFFSET 0
         ) t
        UNION ALL
        SELECT e.position, coalesce(nullif(btrim(u.properties ->> :breakdownProperty::text), ''), ''), 1,
               (r.score >= 9)::int, (r.score BETWEEN 7 AND 8)::int, (r.score <= 6)::int, r.score
          FROM unnest(:edgeStarts::timestamptz[], :edgeEnds::timestamptz[], :edgePositions::int[])
               AS e(edge_start, edge_end, position)
         CROSS JOIN LATERAL (
           SELECT r.score, r.user_id FROM survey_responses r
            WHERE r.environment_id = :environmentId AND r.is_nps
              AND r.responded_at >= e.edge_start AND r.responded_at < e.edge_end OFFSET 0
         ) r
          LEFT JOIN users u ON u.environment_id = :environmentId AND u.id = r.user_id
      )
      SELECT position, nullif(value, '') AS value, sum(responses)::int AS responses,
             sum(promoters)::int AS promoters, sum(passives)::int AS passives,
             sum(detractors)::int AS detractors, sum(score_sum)::int AS "scoreSum"
        FROM tallies
       GROUP BY 1, 2
      HAVING sum(responses) > 0`,
    {
      environmentId,
      breakdownProperty: property,
      ...daySplitParameters(split),
    },
  );
}

/**
 * One row: whether any user of the environment has the property, and whether it is one of the
 * environment's breakdown properties (kept in property_nps_1d).
 */
export function propertyFactsStatement(environmentId: string, property: string): NamedSql {
  return withParameters(
    sql`
      -- One row: known is true when at least one user of the environment carries the property,
      -- rolledUp when the environment keeps the property's daily counts.
      SELECT EXISTS (
               SELECT 1 FROM users u WHERE u.environment_id = :environmentId AND u.properties ? :property::text
             ) AS known,
             EXISTS (
               SELECT 1 FROM environments e
                WHERE e.id = :environmentId AND :property::text = ANY(e.breakdown_properties)
             ) AS "rolledUp"`,
    { environmentId, property },
  );
}
