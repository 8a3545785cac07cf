import { type SqlExample, exampleScope, exampleWindows } from '../sql/sql-example';
import { countsPerWindowAndTierFromHistogramStatement } from '../sql/engagement-histogram.sql';
import { splitIntoUtcDays } from '../sql/slots';
import { countsPerWindowAndTierStatement } from '../sql/engagement-tiers.sql';
import {
  countsPerWindowAndValueFromRollupStatement,
  countsPerWindowAndValueStatement,
  propertyFactsStatement,
} from './change.sql';

/** What ChangeRepository sends, for change.repository.sql. */
export function changeSqlExamples(): SqlExample[] {
  // The 90 days from 2 October 2025 (previous) and the 90 days after them (current).
  const periods = exampleWindows('2025-10-03T00:00:00Z', 90, 2);
  return [
    {
      method: 'ChangeRepository.countsPerWindowAndTier: from the daily engagement histogram',
      example:
        'ALL_RESPONSES without a filter, two 90-day periods ending at 14:00 UTC (whole days and edges), engagement over the default 30 days and every type, thresholds [1, 5, 20].',
      statement: countsPerWindowAndTierFromHistogramStatement(
        '1',
        splitIntoUtcDays(exampleWindows('2025-10-03T14:00:00Z', 90, 2)),
        [1, 5, 20],
      ),
    },
    {
      method: 'ChangeRepository.countsPerWindowAndTier (the statement of npsTrend with engagement)',
      example:
        'LATEST_PER_PERSON without a filter, two 90-day periods, engagement over the default 30 days, thresholds [1, 5, 20].',
      statement: countsPerWindowAndTierStatement(
        exampleScope(false),
        periods,
        'LATEST_PER_PERSON',
        {
          windowDays: 30,
          thresholds: [1, 5, 20],
          eventTypes: null,
        },
      ),
    },
    {
      method: 'ChangeRepository.countsPerWindowAndValue: from the daily breakdown property rollup',
      example:
        'ALL_RESPONSES without a filter, two 90-day periods ending at 14:00 UTC (whole days and edges), by the breakdown property plan.',
      statement: countsPerWindowAndValueFromRollupStatement(
        '1',
        splitIntoUtcDays(exampleWindows('2025-10-03T14:00:00Z', 90, 2)),
        'plan',
      ),
    },
    {
      method: 'ChangeRepository.countsPerWindowAndValue',
      example:
        'ALL_RESPONSES without a filter, two 90-day periods, by the user property plan (not a breakdown property).',
      statement: countsPerWindowAndValueStatement(
        exampleScope(false),
        periods,
        'ALL_RESPONSES',
        'plan',
      ),
    },
    {
      method: 'ChangeRepository.countsPerWindowAndValue',
      example:
        "LATEST_PER_PERSON with the filter plan = 'pro', two 90-day periods, by the user property country.",
      statement: countsPerWindowAndValueStatement(
        exampleScope(true),
        periods,
        'LATEST_PER_PERSON',
        'country',
      ),
    },
    {
      method: 'ChangeRepository.propertyFacts',
      example: 'Whether any user carries plan, and whether it is a breakdown property.',
      statement: propertyFactsStatement('1', 'plan'),
    },
  ];
}
