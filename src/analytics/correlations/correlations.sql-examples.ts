import { newestResponseStatement } from '../sql/newest-response.sql';
import { type SqlExample, exampleScope } from '../sql/sql-example';
import { correlationInputsStatement } from './correlations.sql';

/** What CorrelationsRepository sends, for correlations.repository.sql. */
export function correlationsSqlExamples(): SqlExample[] {
  const [yearAgo, now] = [new Date('2025-03-01T00:00:00Z'), new Date('2026-03-01T00:00:00Z')];
  const [from2024, to2025] = [new Date('2024-01-01T00:00:00Z'), new Date('2025-01-01T00:00:00Z')];
  return [
    {
      method: 'NewestResponseRepository.newestResponseTime (first)',
      example:
        'when no response is as new as `to`, user_latest_nps holds every observation of the range.',
      statement: newestResponseStatement('1'),
    },
    {
      method:
        'CorrelationsRepository.correlationInputs: user_latest_nps and user_latest_activity_30d',
      example: 'no filter, the last year up to now, the default 30-day window.',
      statement: correlationInputsStatement(exampleScope(false), yearAgo, now, 30, true),
    },
    {
      method:
        'CorrelationsRepository.correlationInputs: latest responses in range, response_activity_30d',
      example: 'no filter, the year 2024 (newer responses exist), the default 30-day window.',
      statement: correlationInputsStatement(exampleScope(false), from2024, to2025, 30, false),
    },
    {
      method: 'CorrelationsRepository.correlationInputs: latest responses in range, events counted',
      example: "the filter plan = 'pro', the year 2024 (newer responses exist), a 90-day window.",
      statement: correlationInputsStatement(exampleScope(true), from2024, to2025, 90, false),
    },
  ];
}
