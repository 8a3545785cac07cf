import type { NamedSql } from '../../database/named-sql';
import { COUNTS } from '../sql/category-counts';
import { sql, withParameters } from '../sql/named-fragment';
import { Dedupe, ResponseScope, windowedResponses } from '../sql/response-scope.sql';
import type { TimeWindow } from '../sql/slots';

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

/** One row: whether any user of the environment has the property. */
export function propertyExistsStatement(environmentId: string, property: string): NamedSql {
  return withParameters(
    sql`
      -- One row: known is true when at least one user of the environment carries the property.
      SELECT EXISTS (
        SELECT 1 FROM users u WHERE u.environment_id = :environmentId AND u.properties ? :property::text
      ) AS known`,
    { environmentId, property },
  );
}
