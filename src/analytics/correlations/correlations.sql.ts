import type { NamedSql } from '../../database/named-sql';
import { userFilterNamedSql } from '../../store/user-filter.sql';
import { activityTableAnswers } from '../sql/activity-table';
import { sql, withParameters } from '../sql/named-fragment';
import { ResponseScope, npsResponses } from '../sql/response-scope.sql';
import { alignedUtcDays, edgesOf } from '../sql/slots';

/** A join keeping the rows of `alias` (user_id, environment_id) whose user matches the filter. */
function usersMatching(scope: ResponseScope, alias: string): NamedSql | '' {
  return scope.conditions.length > 0
    ? sql`
        JOIN users u ON u.environment_id = ${alias}.environment_id AND u.id = ${alias}.user_id
                    AND ${userFilterNamedSql(scope.conditions, 'u')}`
    : '';
}

/**
 * CTE `observations` (user_id, id, score, responded_at): each matched user's latest NPS response
 * in [:from, :to), restricted to users matching the filter. From user_latest_nps when
 * `latestKnown` (no response is as new as `to`, so everyone's latest in range is their latest of
 * all), else by a DISTINCT ON scan.
 */
function observations(scope: ResponseScope, latestKnown: boolean): NamedSql {
  if (latestKnown) {
    const filter = usersMatching(scope, 'l');
    return withParameters(
      sql`
        observations AS (
          SELECT l.user_id, l.response_row_id AS id, l.score, l.responded_at FROM user_latest_nps l
            ${filter}
           WHERE l.environment_id = :environmentId
             AND l.responded_at >= :from::timestamptz AND l.responded_at < :to::timestamptz
        )`,
      { environmentId: scope.environmentId },
    );
  }
  return sql`
    observations AS (
      SELECT DISTINCT ON (b.user_id) b.user_id, b.id, b.score, b.responded_at
        FROM (
          ${npsResponses(scope)}
        ) b
       WHERE b.user_id IS NOT NULL AND b.responded_at >= :from::timestamptz
         AND b.responded_at < :to::timestamptz
       ORDER BY b.user_id, b.responded_at DESC, b.id DESC
    )`;
}

/**
 * CTE body: per observation and event type done, x = the user's events of that type in
 * [t − windowDays·24h, t) (x > 0 only). When every observation is its user's latest response:
 * from user_latest_activity_30d (by time) for the 30-day window, else from the event times of
 * user_latest_event_times. Otherwise from response_activity_30d, else counted from events.
 */
function eventsPerObservation(
  scope: ResponseScope,
  windowDays: number,
  latestKnown: boolean,
): NamedSql {
  if (latestKnown && activityTableAnswers(windowDays, null)) {
    const filter = usersMatching(scope, 'm');
    return sql`
      SELECT m.name, m.user_id, m.score, m.events AS x
        FROM user_latest_activity_30d m
        ${filter}
       WHERE m.environment_id = :environmentId::bigint
         AND m.responded_at >= :from::timestamptz AND m.responded_at < :to::timestamptz`;
  }
  if (latestKnown) {
    // x = the stored times ≥ t − W·24h (all are < t): width_bucket counts those ≤ its operand.
    const filter = usersMatching(scope, 'm');
    return withParameters(
      sql`
        SELECT name, user_id, score, x FROM (
          SELECT m.name, m.user_id, m.score,
                 cardinality(m.times) - width_bucket(
                   m.responded_at - make_interval(hours => 24 * :windowDays::int) - interval '1 microsecond',
                   m.times) AS x
            FROM user_latest_event_times m
            ${filter}
           WHERE m.environment_id = :environmentId::bigint
             AND m.responded_at >= :from::timestamptz AND m.responded_at < :to::timestamptz
        ) counted
         WHERE x > 0`,
      { windowDays },
    );
  }
  if (activityTableAnswers(windowDays, null)) {
    return sql`
      SELECT a.name, o.user_id, o.score, a.events AS x
        FROM observations o
        JOIN response_activity_30d a ON a.environment_id = :environmentId::bigint AND a.response_row_id = o.id`;
  }
  return withParameters(
    sql`
      SELECT e.name, o.user_id, o.score, count(*)::int AS x
        FROM observations o
        JOIN events e ON e.environment_id = :environmentId::bigint AND e.user_id = o.user_id
                     AND e.time >= o.responded_at - make_interval(hours => 24 * :windowDays::int)
                     AND e.time < o.responded_at AND e.name <> 'Submit Survey'
       GROUP BY e.name, o.user_id, o.score`,
    { windowDays },
  );
}

/** The frequency tables activityCorrelations works from, in one statement. */
export function correlationInputsStatement(
  scope: ResponseScope,
  from: Date,
  to: Date,
  windowDays: number,
  latestKnown: boolean,
): NamedSql {
  return withParameters(
    sql`
      -- Rows with a null name: the score histogram of all observations (x = 0). Then per event
      -- type, (x, score) and the users with them, x > 0 only.
      WITH ${observations(scope, latestKnown)},
           per_user AS (
             ${eventsPerObservation(scope, windowDays, latestKnown)}
           )
      SELECT NULL AS name, 0 AS x, score, count(*)::int AS users FROM observations GROUP BY score
      UNION ALL
      SELECT name, x, score, count(*)::int AS users FROM per_user GROUP BY name, x, score`,
    { environmentId: scope.environmentId, from: from.toISOString(), to: to.toISOString() },
  );
}

/**
 * The same frequency tables as correlationInputsStatement for no filter, the default 30-day
 * window and a range past the newest response, in one statement: the range's whole UTC days from
 * latest_score_counts_1d and latest_activity_cells_1d, its (< 1 day) edges from user_latest_nps
 * and user_latest_activity_30d rows.
 */
export function correlationInputsFromDaysStatement(
  environmentId: string,
  from: Date,
  to: Date,
): NamedSql {
  const days = alignedUtcDays({ from, to });
  const [firstEdge, secondEdge] = [
    ...edgesOf({ from, to }, days),
    { from: to, to },
    { from: to, to },
  ];
  return withParameters(
    sql`
      -- Rows with a null name: the score histogram of all observations (x = 0). Then per event
      -- type, (x, score) and the users with them, x > 0 only. Either edge may be empty.
      WITH scores AS (
             SELECT s.score, s.users FROM latest_score_counts_1d s
              WHERE s.environment_id = :environmentId::bigint
                AND s.day >= :daysFrom::timestamptz AND s.day < :daysTo::timestamptz
             UNION ALL
             SELECT l.score, 1 FROM user_latest_nps l
              WHERE l.environment_id = :environmentId::bigint
                AND (l.responded_at >= :firstEdgeFrom::timestamptz AND l.responded_at < :firstEdgeTo::timestamptz
                  OR l.responded_at >= :secondEdgeFrom::timestamptz AND l.responded_at < :secondEdgeTo::timestamptz)
           ),
           cells AS (
             SELECT c.name, c.events AS x, c.score, c.users FROM latest_activity_cells_1d c
              WHERE c.environment_id = :environmentId::bigint
                AND c.day >= :daysFrom::timestamptz AND c.day < :daysTo::timestamptz
             UNION ALL
             SELECT m.name, m.events, m.score, 1 FROM user_latest_activity_30d m
              WHERE m.environment_id = :environmentId::bigint
                AND (m.responded_at >= :firstEdgeFrom::timestamptz AND m.responded_at < :firstEdgeTo::timestamptz
                  OR m.responded_at >= :secondEdgeFrom::timestamptz AND m.responded_at < :secondEdgeTo::timestamptz)
           )
      SELECT NULL AS name, 0 AS x, score, sum(users)::int AS users FROM scores GROUP BY score
      UNION ALL
      SELECT name, x, score, sum(users)::int AS users FROM cells GROUP BY name, x, score`,
    {
      environmentId,
      daysFrom: days.from.toISOString(),
      daysTo: days.to.toISOString(),
      firstEdgeFrom: firstEdge.from.toISOString(),
      firstEdgeTo: firstEdge.to.toISOString(),
      secondEdgeFrom: secondEdge.from.toISOString(),
      secondEdgeTo: secondEdge.to.toISOString(),
    },
  );
}
