import type { SqlExample } from '../sql/sql-example';
import {
  ResponseListFilter,
  countResponsesStatement,
  listResponsesStatement,
} from './responses.sql';

/** What ResponsesRepository sends, for responses.repository.sql. */
export function responsesSqlExamples(): SqlExample[] {
  const everything: ResponseListFilter = {
    from: null,
    to: null,
    scoreRange: null,
    search: null,
    conditions: [],
  };
  const narrowed: ResponseListFilter = {
    from: new Date('2026-01-01T00:00:00Z'),
    to: new Date('2026-02-01T00:00:00Z'),
    scoreRange: [9, 10],
    search: 'export',
    conditions: [{ property: 'plan', in: ['pro', 'team'] }],
  };
  const cursor = { respondedAt: '2026-01-20T10:00:00.000Z', id: '91544' };
  return [
    {
      method: 'ResponsesRepository.listResponses',
      example: 'every response, first page of 50 (51 rows: one tells there is more).',
      statement: listResponsesStatement('1', everything, null, 51),
    },
    {
      method: 'ResponsesRepository.listResponses',
      example:
        "January 2026, PROMOTER (scores 9–10), search 'export', plan in ('pro', 'team'), the page after a cursor.",
      statement: listResponsesStatement('1', narrowed, cursor, 51),
    },
    {
      method: 'ResponsesRepository.countResponses',
      example: 'every response.',
      statement: countResponsesStatement('1', everything),
    },
    {
      method: 'ResponsesRepository.countResponses',
      example: "January 2026, PROMOTER, search 'export', plan in ('pro', 'team').",
      statement: countResponsesStatement('1', narrowed),
    },
  ];
}
