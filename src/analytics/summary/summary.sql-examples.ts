import { type SqlExample, exampleScope, exampleWindows } from '../sql/sql-example';
import { alignedMiddle, edgesOf } from '../sql/slots';
import { coverWindows } from '../sql/window-cover';
import { countsFromRollupStatement, countsFromRowsStatement } from '../sql/window-counts.sql';

/** What SummaryRepository sends, for summary.repository.sql. */
export function summarySqlExamples(): SqlExample[] {
  // 2026-Q1 and, with compareToPrevious, the 90 days before it.
  const [quarter] = exampleWindows('2026-01-01T00:00:00Z', 90, 1);
  const periods = [quarter, { from: new Date('2025-10-03T00:00:00Z'), to: quarter.from }];
  const unaligned = [
    { from: new Date('2026-01-01T09:07:00Z'), to: new Date('2026-03-31T17:41:30Z') },
  ];
  const edges = edgesOf(unaligned[0], alignedMiddle(unaligned[0]));
  return [
    {
      method: 'SummaryRepository.countsPerPeriod: from the 15-minute rollup',
      example:
        'ALL_RESPONSES without a filter, a quarter and the period before it (compareToPrevious), on slot boundaries.',
      statement: countsFromRollupStatement('1', periods),
    },
    {
      method: 'SummaryRepository.countsPerPeriod: rows for the edges of an unaligned period',
      example:
        'ALL_RESPONSES without a filter from 09:07 to 17:41:30; the rollup answers the aligned middle (statement above), rows the two edges shorter than 15 minutes.',
      statement: countsFromRowsStatement(exampleScope(false), edges, 'ALL_RESPONSES'),
    },
    {
      method: 'SummaryRepository.countsPerPeriod: from rows',
      example:
        "LATEST_PER_PERSON with the filter plan = 'pro', a quarter and the period before it.",
      statement: countsFromRowsStatement(exampleScope(true), periods, 'LATEST_PER_PERSON'),
    },
    {
      method: 'SummaryRepository.countsPerPeriod: overlapping windows from rows, by piece',
      example:
        "ALL_RESPONSES with the filter plan = 'pro' for alert rules' windows (7 days and the 28 or 56 before them, cut into the disjoint pieces they cover); responses of each piece checked against the matching users, hashed once.",
      statement: countsFromRowsStatement(
        exampleScope(true),
        coverWindows([
          { from: new Date('2026-03-25T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') },
          { from: new Date('2026-02-25T00:00:00Z'), to: new Date('2026-03-25T00:00:00Z') },
          { from: new Date('2026-01-28T00:00:00Z'), to: new Date('2026-03-25T00:00:00Z') },
        ]).pieces,
        'ALL_RESPONSES',
        'hashedUsers',
      ),
    },
  ];
}
