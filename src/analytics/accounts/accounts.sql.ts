import type { NamedSql } from '../../database/named-sql';
import { COUNTS } from '../sql/category-counts';
import { sql, withParameters } from '../sql/named-fragment';
import { Dedupe, ResponseScope, windowedResponses } from '../sql/response-scope.sql';
import type { TimeWindow } from '../sql/slots';

export type AccountOrderName = 'NPS_ASC' | 'NPS_DESC' | 'RESPONSES_DESC' | 'REVENUE_DESC';

/** Where the chosen responses come from: the rows of the range, or respondent_latest. */
export type AccountSource = 'rows' | 'latest-table';

/** A keyset position: (nulls last flag, sort value as decimal text, account). */
export interface AccountKey {
  sortNull: boolean;
  sortValue: string;
  account: string;
}

/**
 * CTEs ending in `chosen` (person, score, user_id, responded_at): the range's NPS responses after
 * dedupe; from respondent_latest when it answers (LATEST_PER_PERSON, no filter, no response at
 * or after `to`: then each respondent's latest response in the range is their latest of all).
 */
function chosenResponses(
  scope: ResponseScope,
  range: TimeWindow,
  dedupe: Dedupe,
  source: AccountSource,
): NamedSql {
  if (source === 'latest-table') {
    return withParameters(
      sql`
        chosen AS (
          SELECT l.person, l.score, l.user_id, l.responded_at FROM respondent_latest l
           WHERE l.environment_id = :environmentId
             AND l.responded_at >= :from::timestamptz AND l.responded_at < :to::timestamptz
        )`,
      {
        environmentId: scope.environmentId,
        from: range.from.toISOString(),
        to: range.to.toISOString(),
      },
    );
  }
  return windowedResponses(scope, [range], dedupe);
}

/**
 * CTE `accounts`: one row per account with at least :minResponses chosen responses of its
 * users: respondents, category counts, the latest response, the exact NPS (numeric) and the
 * revenue, the largest account_revenue among all its users (of the index on (environment_id,
 * account) INCLUDE (account_revenue)).
 */
function accountRows(
  scope: ResponseScope,
  range: TimeWindow,
  dedupe: Dedupe,
  source: AccountSource,
  minResponses: number,
): NamedSql {
  return withParameters(
    sql`
      ${chosenResponses(scope, range, dedupe, source)},
      per_account AS (
        SELECT au.account, count(DISTINCT c.person)::int AS respondents,
               ${COUNTS},
               max(c.responded_at) AS "latestResponseAt"
          FROM chosen c
          JOIN users au ON au.environment_id = :environmentId AND au.id = c.user_id AND au.account IS NOT NULL
         GROUP BY au.account
        HAVING count(*) >= :minResponses::int
      ),
      accounts AS (
        SELECT a.*, 100.0 * (a.promoters - a.detractors) / a.responses AS nps_exact, revenue.revenue
          FROM per_account a
          CROSS JOIN LATERAL (
            SELECT max(ru.account_revenue) AS revenue FROM users ru
             WHERE ru.environment_id = :environmentId AND ru.account = a.account
          ) revenue
      )`,
    { environmentId: scope.environmentId, minResponses },
  );
}

/** The sort key of each order, ascending: (nulls last flag, value). */
const SORT_KEYS: Record<AccountOrderName, { isNull: string; value: string }> = {
  NPS_ASC: { isNull: 'false', value: 'nps_exact' },
  NPS_DESC: { isNull: 'false', value: '-nps_exact' },
  RESPONSES_DESC: { isNull: 'false', value: '-responses::numeric' },
  REVENUE_DESC: { isNull: 'revenue IS NULL', value: 'coalesce(-revenue::numeric, 0)' },
};

/** The keyset condition on `keyed k` rows after `after` (none for the first page). */
function afterKey(after: AccountKey | null): NamedSql | '' {
  return after
    ? withParameters(
        sql`WHERE (k."sortNull", k.sort_value, k.account COLLATE "C") > (:afterNull::boolean, :afterValue::numeric, :afterAccount::text COLLATE "C")`,
        {
          afterNull: after.sortNull,
          afterValue: after.sortValue,
          afterAccount: after.account,
        },
      )
    : '';
}

/** One page of accounts in `order` after `after`, with the number of accounts in the list. */
export function accountsPageStatement(
  scope: ResponseScope,
  range: TimeWindow,
  dedupe: Dedupe,
  source: AccountSource,
  options: {
    minResponses: number;
    order: AccountOrderName;
    after: AccountKey | null;
    limit: number;
  },
): NamedSql {
  const key = SORT_KEYS[options.order];
  const after = afterKey(options.after);
  return withParameters(
    sql`
      -- Up to :limit accounts after the cursor in the order's sort key, then account: counts,
      -- NPS, revenue, the sort key (for the next cursor) and "totalCount", the accounts listed.
      WITH ${accountRows(scope, range, dedupe, source, options.minResponses)},
           keyed AS (
             SELECT a.*, ${key.isNull} AS "sortNull", ${key.value} AS sort_value FROM accounts a
           )
      SELECT k.account, k.respondents, k.responses, k.promoters, k.passives, k.detractors, k."scoreSum",
             k.revenue, k."latestResponseAt", k."sortNull", k.sort_value::text AS "sortValue",
             (SELECT count(*)::int FROM accounts) AS "totalCount"
        FROM keyed k
        ${after}
       ORDER BY k."sortNull", k.sort_value, k.account COLLATE "C"
       LIMIT :limit`,
    { limit: options.limit },
  );
}

/** Every account's counts and revenue (accountSummary), no order. */
export function accountTotalsStatement(
  scope: ResponseScope,
  range: TimeWindow,
  dedupe: Dedupe,
  source: AccountSource,
): NamedSql {
  return sql`
    -- One row per account with responses: its counts and revenue.
    WITH ${accountRows(scope, range, dedupe, source, 1)}
    SELECT account, responses, promoters, passives, detractors, "scoreSum", revenue FROM accounts`;
}
