/**
 * The accounts statements over account_latest_counts (LATEST_PER_PERSON, no filter, no response
 * at or after the range's end; the repository decides): every account's counts less its latest
 * responses before the range, or, when none precede it, the first page by NPS from the
 * table's index.
 */
import type { NamedSql } from '../../database/named-sql';
import { sql, withParameters } from '../sql/named-fragment';
import type { TimeWindow } from '../sql/slots';
import type { AccountKey, AccountOrderName } from './accounts.sql';

/**
 * The sort keys of SORT_KEYS over counts columns of `alias`: `exact`, the same numeric (the
 * cursor's value), and `fast`, a double in the same order with the same ties (a correctly
 * rounded quotient of the same fraction is the same double; distinct fractions of counts below
 * 2^26 differ by far more than a rounding), so only the page computes numerics.
 */
const COUNTED_SORT_KEYS: Record<
  Exclude<AccountOrderName, 'REVENUE_DESC'>,
  { exact: (alias: string) => string; fast: (alias: string) => string }
> = {
  NPS_ASC: {
    exact: (a) => `100.0 * (${a}.promoters - ${a}.detractors) / ${a}.responses`,
    fast: (a) => `(${a}.promoters - ${a}.detractors)::float8 / ${a}.responses`,
  },
  NPS_DESC: {
    exact: (a) => `-(100.0 * (${a}.promoters - ${a}.detractors) / ${a}.responses)`,
    fast: (a) => `-((${a}.promoters - ${a}.detractors)::float8 / ${a}.responses)`,
  },
  RESPONSES_DESC: {
    exact: (a) => `-${a}.responses::numeric`,
    fast: (a) => `-${a}.responses`,
  },
};

/** Orders whose sort key account_latest_counts gives (revenue needs every account's users). */
export type CountedOrderName = Exclude<AccountOrderName, 'REVENUE_DESC'>;

/**
 * One row: how many of respondent_latest's responses lie before :from, counted up to :cap
 * (an index range that stops there): what accountsPageFromCountsStatement subtracts.
 */
export function latestBeforeStatement(environmentId: string, from: Date, cap: number): NamedSql {
  return withParameters(
    sql`
      -- One row: "before", the latest responses before :from, at most :cap.
      SELECT count(*)::int AS before FROM (
        SELECT 1 FROM respondent_latest l
         WHERE l.environment_id = :environmentId AND l.responded_at < :from::timestamptz
         LIMIT :cap
      ) b`,
    { environmentId, from: from.toISOString(), cap },
  );
}

/**
 * CTEs before_range and `counted` (account, responses, promoters, passives, detractors,
 * score_sum): every account's latest-response counts from account_latest_counts less its latest
 * responses before :from (exact when no response is at or after the range's end).
 */
function countedAccounts(environmentId: string, from: Date): NamedSql {
  return withParameters(
    sql`
      before_range AS (
        SELECT bu.account, count(*) AS responses,
               count(*) FILTER (WHERE b.score >= 9) AS promoters,
               count(*) FILTER (WHERE b.score BETWEEN 7 AND 8) AS passives,
               count(*) FILTER (WHERE b.score <= 6) AS detractors, sum(b.score) AS score_sum
          FROM respondent_latest b
          JOIN users bu ON bu.environment_id = :environmentId AND bu.id = b.user_id AND bu.account IS NOT NULL
         WHERE b.environment_id = :environmentId AND b.responded_at < :from::timestamptz
         GROUP BY bu.account
      ),
      counted AS (
        SELECT t.account, t.responses - coalesce(b.responses, 0) AS responses,
               t.promoters - coalesce(b.promoters, 0) AS promoters,
               t.passives - coalesce(b.passives, 0) AS passives,
               t.detractors - coalesce(b.detractors, 0) AS detractors,
               t.score_sum - coalesce(b.score_sum, 0) AS score_sum
          FROM account_latest_counts t
          LEFT JOIN before_range b ON b.account = t.account
         WHERE t.environment_id = :environmentId
      )`,
    { environmentId, from: from.toISOString() },
  );
}

/** The page's revenue and latest response time, as LATERAL joins on the page rows `p`. */
const PAGE_EXTRAS = `CROSS JOIN LATERAL (
  SELECT max(ru.account_revenue) AS revenue FROM users ru
   WHERE ru.environment_id = :environmentId AND ru.account = p.account
) revenue
CROSS JOIN LATERAL (
  SELECT max(l.responded_at) AS "latestResponseAt" FROM users lu
    JOIN respondent_latest l ON l.environment_id = :environmentId AND l.user_id = lu.id
   WHERE lu.environment_id = :environmentId AND lu.account = p.account
     AND l.responded_at >= :from::timestamptz
) latest`;

/**
 * accountsPageStatement for LATEST_PER_PERSON without a filter when no response is at or after
 * :to (each respondent's latest in the range is then their latest of all): every account's
 * counts from account_latest_counts less its latest responses before :from (a respondent has
 * one latest response, so respondents = responses); revenue and the latest response time only
 * for the page's accounts.
 */
export function accountsPageFromCountsStatement(
  environmentId: string,
  range: TimeWindow,
  options: {
    minResponses: number;
    order: CountedOrderName;
    after: AccountKey | null;
    limit: number;
  },
): NamedSql {
  const key = COUNTED_SORT_KEYS[options.order];
  // Every key here is never null: the cursor's flag is false for every row.
  const after = options.after
    ? withParameters(
        sql`WHERE (false, ${key.exact('a')}, a.account COLLATE "C") > (:afterNull::boolean, :afterValue::numeric, :afterAccount::text COLLATE "C")`,
        {
          afterNull: options.after.sortNull,
          afterValue: options.after.sortValue,
          afterAccount: options.after.account,
        },
      )
    : '';
  return withParameters(
    sql`
      -- Up to :limit accounts after the cursor in the order's sort key, then account: counts,
      -- NPS, revenue, the sort key (for the next cursor) and "totalCount", the accounts listed.
      WITH ${countedAccounts(environmentId, range.from)},
      accounts AS (
        SELECT c.* FROM counted c WHERE c.responses > 0 AND c.responses >= :minResponses::int
      ),
      page AS (
        SELECT a.* FROM accounts a
        ${after}
         ORDER BY ${key.fast('a')}, a.account COLLATE "C"
         LIMIT :limit
      )
      SELECT p.account, p.responses::int AS respondents, p.responses::int AS responses,
             p.promoters::int AS promoters, p.passives::int AS passives, p.detractors::int AS detractors,
             p.score_sum::int AS "scoreSum", revenue.revenue, latest."latestResponseAt",
             false AS "sortNull", (${key.exact('p')})::text AS "sortValue",
             (SELECT count(*)::int FROM accounts) AS "totalCount"
        FROM page p
        ${PAGE_EXTRAS}
       ORDER BY ${key.fast('p')}, p.account COLLATE "C"`,
    {
      environmentId,
      from: range.from.toISOString(),
      minResponses: options.minResponses,
      limit: options.limit,
    },
  );
}

/** accountTotalsStatement from account_latest_counts, on the same terms as the page from it. */
export function accountTotalsFromCountsStatement(
  environmentId: string,
  range: TimeWindow,
): NamedSql {
  return withParameters(
    sql`
      -- One row per account with responses: its counts and revenue.
      WITH ${countedAccounts(environmentId, range.from)}
      SELECT c.account, c.responses::int AS responses, c.promoters::int AS promoters,
             c.passives::int AS passives, c.detractors::int AS detractors, c.score_sum::int AS "scoreSum",
             revenue.revenue
        FROM counted c
        CROSS JOIN LATERAL (
          SELECT max(ru.account_revenue) AS revenue FROM users ru
           WHERE ru.environment_id = :environmentId AND ru.account = c.account
        ) revenue
       WHERE c.responses > 0`,
    { environmentId },
  );
}

/**
 * The first page by NPS ascending when no latest response precedes :from (every account's
 * counts are then the table's own): an index range of account_latest_counts_nps_idx, whose key
 * is the double of COUNTED_SORT_KEYS.NPS_ASC, then account.
 */
export function accountsFirstPageByNpsStatement(
  environmentId: string,
  range: TimeWindow,
  options: { minResponses: number; limit: number },
): NamedSql {
  const key = COUNTED_SORT_KEYS.NPS_ASC;
  return withParameters(
    sql`
      -- Up to :limit accounts by NPS, then account: counts, NPS, revenue, the sort key (for the
      -- next cursor) and "totalCount", the accounts listed.
      WITH page AS (
        SELECT a.account, a.responses, a.promoters, a.passives, a.detractors, a.score_sum
          FROM account_latest_counts a
         WHERE a.environment_id = :environmentId AND a.responses > 0
           AND a.responses >= :minResponses::int
         ORDER BY ${key.fast('a')}, a.account COLLATE "C"
         LIMIT :limit
      )
      SELECT p.account, p.responses AS respondents, p.responses, p.promoters, p.passives,
             p.detractors, p.score_sum::int AS "scoreSum", revenue.revenue, latest."latestResponseAt",
             false AS "sortNull", (${key.exact('p')})::text AS "sortValue",
             (SELECT count(*)::int FROM account_latest_counts c
               WHERE c.environment_id = :environmentId AND c.responses > 0
                 AND c.responses >= :minResponses::int) AS "totalCount"
        FROM page p
        ${PAGE_EXTRAS}
       ORDER BY ${key.fast('p')}, p.account COLLATE "C"`,
    {
      environmentId,
      from: range.from.toISOString(),
      minResponses: options.minResponses,
      limit: options.limit,
    },
  );
}
