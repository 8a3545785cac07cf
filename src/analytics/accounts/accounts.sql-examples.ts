import { type SqlExample, exampleScope, exampleWindows } from '../sql/sql-example';
import { accountTotalsStatement, accountsPageStatement } from './accounts.sql';
import {
  accountTotalsFromCountsStatement,
  accountsFirstPageByNpsStatement,
  accountsPageFromCountsStatement,
  latestBeforeStatement,
} from './account-counts.sql';

/** What AccountsRepository sends, for accounts.repository.sql. */
export function accountsSqlExamples(): SqlExample[] {
  const [quarter] = exampleWindows('2026-01-01T00:00:00Z', 90, 1);
  const years = { from: new Date('2024-04-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };
  return [
    {
      method: 'AccountsRepository.page: latest responses before the range (what to subtract)',
      example: 'Two years no response is newer than, at most 20,000.',
      statement: latestBeforeStatement('1', years.from, 20_000),
    },
    {
      method: 'AccountsRepository.page: from account_latest_counts by its NPS index',
      example:
        'LATEST_PER_PERSON (the default) without a filter, two years holding every latest response, page 1 of 50 by NPS ascending.',
      statement: accountsFirstPageByNpsStatement('1', years, { minResponses: 1, limit: 51 }),
    },
    {
      method: 'AccountsRepository.page: from account_latest_counts',
      example:
        'LATEST_PER_PERSON (the default) without a filter, two years no response is newer than (some latest responses before them), page 1 of 50 by NPS ascending.',
      statement: accountsPageFromCountsStatement('1', years, {
        minResponses: 1,
        order: 'NPS_ASC',
        after: null,
        limit: 51,
      }),
    },
    {
      method: 'AccountsRepository.page: from account_latest_counts',
      example: 'The same by responses, at least 2, after the account acme with 12 responses.',
      statement: accountsPageFromCountsStatement('1', years, {
        minResponses: 2,
        order: 'RESPONSES_DESC',
        after: { sortNull: false, sortValue: '-12', account: 'acme' },
        limit: 51,
      }),
    },
    {
      method: 'AccountsRepository.page: from respondent_latest',
      example:
        'LATEST_PER_PERSON (the default) without a filter, a quarter no response is newer than, page 1 of 50 by NPS ascending.',
      statement: accountsPageStatement(
        exampleScope(false),
        quarter,
        'LATEST_PER_PERSON',
        'latest-table',
        {
          minResponses: 1,
          order: 'NPS_ASC',
          after: null,
          limit: 51,
        },
      ),
    },
    {
      method: 'AccountsRepository.page: from rows',
      example:
        "ALL_RESPONSES with the filter plan = 'pro', at least 3 responses, by revenue, after the account acme with revenue 12000.",
      statement: accountsPageStatement(exampleScope(true), quarter, 'ALL_RESPONSES', 'rows', {
        minResponses: 3,
        order: 'REVENUE_DESC',
        after: { sortNull: false, sortValue: '-12000', account: 'acme' },
        limit: 51,
      }),
    },
    {
      method: 'AccountsRepository.totals: from account_latest_counts',
      example: 'LATEST_PER_PERSON without a filter, two years no response is newer than.',
      statement: accountTotalsFromCountsStatement('1', years),
    },
    {
      method: 'AccountsRepository.totals: from rows',
      example: 'LATEST_PER_PERSON without a filter, a quarter with newer responses after it.',
      statement: accountTotalsStatement(exampleScope(false), quarter, 'LATEST_PER_PERSON', 'rows'),
    },
  ];
}
