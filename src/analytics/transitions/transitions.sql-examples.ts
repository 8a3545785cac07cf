import { type SqlExample, exampleScope } from '../sql/sql-example';
import { transitionCountsStatement, transitionPairsStatement } from './transitions.sql';

/** What TransitionsRepository sends, for transitions.repository.sql. */
export function transitionsSqlExamples(): SqlExample[] {
  const years = { from: new Date('2024-01-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') };
  return [
    {
      method: 'TransitionsRepository.counts',
      example: 'Two years, without a filter.',
      statement: transitionCountsStatement(exampleScope(false), years),
    },
    {
      method: 'TransitionsRepository.counts',
      example: "Two years, with the filter plan = 'pro'.",
      statement: transitionCountsStatement(exampleScope(true), years),
    },
    {
      method: 'TransitionsRepository.pairs',
      example: 'Two years without a filter: the 20 latest promoters who became detractors.',
      statement: transitionPairsStatement(
        exampleScope(false),
        years,
        { from: 'PROMOTER', to: 'DETRACTOR' },
        20,
      ),
    },
  ];
}
