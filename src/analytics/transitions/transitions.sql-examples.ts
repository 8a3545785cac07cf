import { type SqlExample, exampleScope } from '../sql/sql-example';
import {
  responsesAroundRangeStatement,
  transitionCountsFromPairsStatement,
  transitionCountsFromTailsStatement,
  transitionCountsStatement,
  transitionPairsFromTableStatement,
  transitionPairsStatement,
} from './transitions.sql';

/** What TransitionsRepository sends, for transitions.repository.sql. */
export function transitionsSqlExamples(): SqlExample[] {
  const years = { from: new Date('2024-01-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') };
  const quarter = { from: new Date('2025-04-01T00:00:00Z'), to: new Date('2025-07-01T00:00:00Z') };
  return [
    {
      method: 'TransitionsRepository.counts: responses around the range (which way to count)',
      example: 'Two years, without a filter.',
      statement: responsesAroundRangeStatement('1', years),
    },
    {
      method: 'TransitionsRepository.counts: the totals less the pairs outside the range',
      example: 'Two years, without a filter, few responses outside them.',
      statement: transitionCountsFromTailsStatement('1', years),
    },
    {
      method: 'TransitionsRepository.counts: the pairs inside the range',
      example: 'One quarter of the two years, without a filter.',
      statement: transitionCountsFromPairsStatement('1', quarter),
    },
    {
      method: 'TransitionsRepository.counts',
      example: "Two years, with the filter plan = 'pro'.",
      statement: transitionCountsStatement(exampleScope(true), years),
    },
    {
      method: 'TransitionsRepository.pairs',
      example: 'Two years without a filter: the 20 latest promoters who became detractors.',
      statement: transitionPairsFromTableStatement(
        '1',
        years,
        { from: 'PROMOTER', to: 'DETRACTOR' },
        20,
      ),
    },
    {
      method: 'TransitionsRepository.pairs',
      example:
        "Two years with the filter plan = 'pro': the 20 latest promoters who became detractors.",
      statement: transitionPairsStatement(
        exampleScope(true),
        years,
        { from: 'PROMOTER', to: 'DETRACTOR' },
        20,
      ),
    },
  ];
}
