import type { NamedSql } from '../../database/named-sql';
import { CATEGORY_SCORES, NpsCategory } from '../math/nps-math';
import { activityTableAnswers } from '../sql/activity-table';
import { COUNTS } from '../sql/category-counts';
import { sql, withParameters } from '../sql/named-fragment';
import {
  ResponseScope,
  containsPattern,
  latestAsOf,
  latestFromTable,
} from '../sql/response-scope.sql';

/** A keyset cursor: the (responded_at, id) of the last row of the previous page. */
export interface MemberCursor {
  respondedAt: string;
  id: string;
}

/**
 * Condition: the member whose latest response is row `responseId` (a column) matches the search
 * (null: everyone): its comment by full-text search (English, websearch_to_tsquery), or its
 * email, person id or user identity containing :pattern.
 */
function memberMatches(environmentId: string, responseId: string, search: string | null): NamedSql {
  return withParameters(
    sql`
      (:pattern::text IS NULL OR EXISTS (
          SELECT 1 FROM survey_responses mr
            LEFT JOIN users mu ON mu.environment_id = mr.environment_id AND mu.id = mr.user_id
           WHERE mr.environment_id = :environmentId::bigint AND mr.id = ${responseId}
             AND (to_tsvector('english', coalesce(mr.comment, '')) @@ websearch_to_tsquery('english', :searchQuery)
                  OR concat_ws(' ', mr.email, mr.person_id, mu.identity) ILIKE :pattern)))`,
    { environmentId, pattern: containsPattern(search), searchQuery: search },
  );
}

/** A member condition on one activity in the window before the latest response (validated). */
export interface MemberActivity {
  eventType: string;
  did: boolean;
  windowDays: number;
}

/** The columns of a member's latest response that an activity condition reads. */
interface LatestColumns {
  /** Its survey_responses id. */
  id: string;
  userId: string;
  respondedAt: string;
}

/**
 * Condition: the member whose latest response has the columns `latest` is matched to a user who
 * did (or did not) :activityEventType in [t − windowDays·24h, t) before it; true without an
 * activity condition. From response_activity_30d over 30 days, else from events.
 */
function memberActivity(
  environmentId: string,
  latest: LatestColumns,
  activity: MemberActivity | null,
): NamedSql {
  if (activity === null) return sql`TRUE`;
  const parameters = {
    environmentId,
    activityEventType: activity.eventType,
    activityDid: activity.did,
  };
  const { id, userId, respondedAt } = latest;
  if (activityTableAnswers(activity.windowDays, [activity.eventType])) {
    return withParameters(
      sql`
        (${userId} IS NOT NULL AND (EXISTS (
            SELECT 1 FROM response_activity_30d aa
             WHERE aa.environment_id = :environmentId::bigint AND aa.name = :activityEventType
               AND aa.response_row_id = ${id} AND aa.events > 0) = :activityDid::boolean))`,
      parameters,
    );
  }
  return withParameters(
    sql`
      (${userId} IS NOT NULL AND (EXISTS (
          SELECT 1 FROM events ae
           WHERE ae.environment_id = :environmentId::bigint AND ae.user_id = ${userId}
             AND ae.name = :activityEventType
             AND ae.time >= ${respondedAt} - make_interval(hours => 24 * :activityWindowDays::int)
             AND ae.time < ${respondedAt}) = :activityDid::boolean))`,
    { ...parameters, activityWindowDays: activity.windowDays },
  );
}

/** respondent_latest l. */
const FROM_TABLE: LatestColumns = {
  id: 'l.response_row_id',
  userId: 'l.user_id',
  respondedAt: 'l.responded_at',
};
/** latest l (latestAsOf: the columns of npsResponses). */
const AS_OF: LatestColumns = { id: 'l.id', userId: 'l.user_id', respondedAt: 'l.responded_at' };

/** Whether the environment has tracked an event type (its event_types row). */
export function eventTypeKnownStatement(environmentId: string, eventType: string): NamedSql {
  return withParameters(
    sql`
      -- One row: whether any event of the type was tracked.
      SELECT EXISTS (
        SELECT 1 FROM event_types WHERE environment_id = :environmentId AND name = :eventType
      ) AS known`,
    { environmentId, eventType },
  );
}

/** The score range of a segment as parameters :low and :high. */
function segmentScores(segment: NpsCategory) {
  const [low, high] = CATEGORY_SCORES[segment];
  return { low, high };
}

/** The cursor as parameters :afterTime and :afterId (both null on the first page). */
function cursorParameters(after: MemberCursor | null) {
  return { afterTime: after?.respondedAt ?? null, afterId: after?.id ?? null };
}

/** Everyone's segment totals, kept in one row per environment by respondent_segment_counts. */
export function segmentTotalsNowStatement(environmentId: string): NamedSql {
  return withParameters(
    sql`
      -- One row (none before the first response): respondents in total and per segment.
      SELECT promoters + passives + detractors AS responses, promoters, passives, detractors
        FROM respondent_segment_counts WHERE environment_id = :environmentId`,
    { environmentId },
  );
}

/** Segment totals of respondents whose latest response is at or after :since (respondent_latest). */
export function segmentCountsSinceStatement(environmentId: string, since: Date): NamedSql {
  return withParameters(
    sql`
      -- One row: category counts of those respondents.
      SELECT ${COUNTS}
        FROM respondent_latest WHERE environment_id = :environmentId AND responded_at >= :since`,
    { environmentId, since: since.toISOString() },
  );
}

/** Segment totals by each respondent's latest response as of :asOf (not before :since). */
export function segmentCountsAsOfStatement(
  scope: ResponseScope,
  asOf: Date,
  since: Date | null,
): NamedSql {
  return sql`
    -- One row: category counts of the respondents' latest responses.
    WITH ${latestAsOf(scope, asOf, since)}
    SELECT ${COUNTS}
      FROM latest`;
}

/** Respondents of one segment now (respondent_latest, index-only when it can), matching a search. */
export function segmentCountFromTableStatement(
  environmentId: string,
  segment: NpsCategory,
  since: Date | null,
  search: string | null,
  activity: MemberActivity | null = null,
): NamedSql {
  return withParameters(
    sql`
      -- One row: how many respondents are in the segment.
      SELECT count(*)::int AS count FROM respondent_latest l
       WHERE l.environment_id = :environmentId AND l.segment = :segment
         AND (:since::timestamptz IS NULL OR l.responded_at >= :since)
         AND ${memberMatches(environmentId, 'l.response_row_id', search)}
         AND ${memberActivity(environmentId, FROM_TABLE, activity)}`,
    { environmentId, segment, since: since?.toISOString() ?? null },
  );
}

/** Respondents of one segment as of :asOf, matching a search, from each one's latest response. */
export function segmentCountAsOfStatement(
  scope: ResponseScope,
  asOf: Date,
  since: Date | null,
  segment: NpsCategory,
  search: string | null,
  activity: MemberActivity | null = null,
): NamedSql {
  return withParameters(
    sql`
      -- One row: how many respondents are in the segment.
      WITH ${latestAsOf(scope, asOf, since)}
      SELECT count(*)::int AS count FROM latest l
       WHERE l.score BETWEEN :low AND :high
         AND ${memberMatches(scope.environmentId, 'l.id', search)}
         AND ${memberActivity(scope.environmentId, AS_OF, activity)}`,
    segmentScores(segment),
  );
}

/** A page of a segment's members now, from respondent_latest, newest response first. */
export function segmentMembersFromTableStatement(
  environmentId: string,
  segment: NpsCategory,
  since: Date | null,
  after: MemberCursor | null,
  limit: number,
  search: string | null,
  activity: MemberActivity | null = null,
): NamedSql {
  return withParameters(
    sql`
      -- Up to :limit rows, newest first after the cursor: each member's latest response and user.
      SELECT r.id, r.person_id AS "personId", r.email, r.score, r.responded_at AS "respondedAt", r.comment,
             u.identity AS "userIdentity", u.properties AS "userProperties", u.id AS "userId"
        FROM (
          SELECT l.response_row_id FROM respondent_latest l
           WHERE l.environment_id = :environmentId AND l.segment = :segment
             AND (:since::timestamptz IS NULL OR l.responded_at >= :since)
             AND (:afterTime::timestamptz IS NULL OR (l.responded_at, l.response_row_id) < (:afterTime::timestamptz, :afterId::bigint))
             AND ${memberMatches(environmentId, 'l.response_row_id', search)}
             AND ${memberActivity(environmentId, FROM_TABLE, activity)}
           ORDER BY l.responded_at DESC, l.response_row_id DESC LIMIT :limit
        ) page
        JOIN survey_responses r ON r.environment_id = :environmentId AND r.id = page.response_row_id
        LEFT JOIN users u ON u.environment_id = :environmentId AND u.id = r.user_id
       ORDER BY r.responded_at DESC, r.id DESC`,
    {
      environmentId,
      segment,
      since: since?.toISOString() ?? null,
      ...cursorParameters(after),
      limit,
    },
  );
}

/** A page of a segment's members as of :asOf, from each respondent's latest response. */
export function segmentMembersAsOfStatement(
  scope: ResponseScope,
  asOf: Date,
  since: Date | null,
  segment: NpsCategory,
  after: MemberCursor | null,
  limit: number,
  search: string | null,
  activity: MemberActivity | null = null,
): NamedSql {
  return withParameters(
    sql`
      -- Up to :limit rows, newest first after the cursor: each member's latest response and user.
      WITH ${latestAsOf(scope, asOf, since)}
      SELECT l.id, l.person_id AS "personId", l.email, l.score, l.responded_at AS "respondedAt", l.comment,
             u.identity AS "userIdentity", u.properties AS "userProperties", u.id AS "userId"
        FROM latest l
        LEFT JOIN users u ON u.environment_id = :environmentId::bigint AND u.id = l.user_id
       WHERE l.score BETWEEN :low AND :high
         AND (:afterTime::timestamptz IS NULL OR (l.responded_at, l.id) < (:afterTime::timestamptz, :afterId::bigint))
         AND ${memberMatches(scope.environmentId, 'l.id', search)}
         AND ${memberActivity(scope.environmentId, AS_OF, activity)}
       ORDER BY l.responded_at DESC, l.id DESC
       LIMIT :limit`,
    { ...segmentScores(segment), ...cursorParameters(after), limit },
  );
}

/**
 * Per segment, how its respondents used :eventType in the windowDays·24 h before their latest
 * response; `latest` from respondent_latest when `fromTable`, else as of :asOf.
 */
export function segmentEventUsageStatement(
  scope: ResponseScope,
  fromTable: boolean,
  asOf: Date,
  eventType: string,
  windowDays: number,
): NamedSql {
  // The event type's count per respondent: sparse rows joined in one pass, else a window scan each.
  const usage = activityTableAnswers(windowDays, [eventType])
    ? sql`
      SELECT l.score, l.user_id, coalesce(a.events, 0) AS events
        FROM latest l
        LEFT JOIN response_activity_30d a
          ON a.environment_id = :environmentId::bigint AND a.name = :eventType AND a.response_row_id = l.id`
    : withParameters(
        sql`
          SELECT l.score, l.user_id, activity.events
            FROM latest l
           CROSS JOIN LATERAL (
             SELECT count(*)::int AS events FROM events e
              WHERE e.environment_id = :environmentId::bigint AND e.user_id = l.user_id AND e.name = :eventType
                AND e.time >= l.responded_at - make_interval(hours => 24 * :windowDays::int)
                AND e.time < l.responded_at
           ) activity`,
        { windowDays },
      );
  return withParameters(
    sql`
      -- One row per segment that has respondents: members, those matched to a user, those who
      -- did the event, and the events counted.
      WITH ${fromTable ? latestFromTable(scope) : latestAsOf(scope, asOf, null)},
           usage AS (
             ${usage}
           )
      SELECT CASE WHEN score >= 9 THEN 'PROMOTER' WHEN score >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END AS category,
             count(*)::int AS members,
             count(user_id)::int AS matched,
             count(*) FILTER (WHERE events > 0)::int AS "withEvent",
             coalesce(sum(events), 0)::int AS events
        FROM usage GROUP BY 1`,
    { environmentId: scope.environmentId, eventType },
  );
}
