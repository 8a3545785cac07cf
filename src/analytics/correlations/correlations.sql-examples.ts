import { newestResponseStatement } from '../sql/newest-response.sql';
import { type SqlExample, exampleScope } from '../sql/sql-example';
import { correlationInputsFromDaysStatement, correlationInputsStatement } from './correlations.sql';

/** What CorrelationsRepository sends, for correlations.repository.sql. */
export function correlationsSqlExamples(): SqlExample[] {
  const [yearAgo, now] = [new Date('2025-03-01T00:00:00Z'), new Date('2026-03-01T00:00:00Z')];
  const [yearAgoMidDay, nowMidDay] = [
    new Date('2025-03-01T14:30:00Z'),
    new Date('2026-03-01T14:30:00Z'),
  ];
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
        'CorrelationsRepository.correlationInputs: whole days from latest_score_counts_1d and latest_activity_cells_1d',
      example: 'no filter, the last year up to now (mid-day ends), the default 30-day window.',
      statement: correlationInputsFromDaysStatement('1', yearAgoMidDay, nowMidDay),
    },
    {
      method:
        'CorrelationsRepository.correlationInputs: user_latest_nps and user_latest_activity_30d',
      example: "the filter plan = 'pro', the last year up to now, the default 30-day window.",
      statement: correlationInputsStatement(exampleScope(true), yearAgo, now, 30, true),
    },
    {
      method:
        'CorrelationsRepository.correlationInputs: user_latest_nps and user_latest_event_times',
      example: 'no filter, the last year up to now, a 90-day window.',
      statement: correlationInputsStatement(exampleScope(false), yearAgo, now, 90, true),
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
