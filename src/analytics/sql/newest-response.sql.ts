import type { NamedSql } from '../../database/named-sql';
import { sql, withParameters } from './named-fragment';

/** Time of the environment's newest NPS response. */
export function newestResponseStatement(environmentId: string): NamedSql {
  return withParameters(
    sql`
      -- One row: the newest NPS response time (null when there is none).
      SELECT max(responded_at) AS newest FROM survey_responses
       WHERE environment_id = :environmentId AND is_nps`,
    { environmentId },
  );
}
