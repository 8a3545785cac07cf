import { type SqlExample, exampleScope, exampleWindows } from '../sql/sql-example';
import {
  sentimentSplitStatement,
  suggestionCommentsStatement,
  themeActivityStatement,
  themeCountsFromRollupStatement,
  themeCountsStatement,
  themeNamesStatement,
  themePatternsStatement,
  themeTrendStatement,
} from './themes.sql';

/** What ThemesRepository sends, for themes.repository.sql. */
export function themesSqlExamples(): SqlExample[] {
  const [quarter] = exampleWindows('2026-01-01T00:00:00Z', 90, 1);
  const [twoYears] = exampleWindows('2024-01-01T00:00:00Z', 731, 1);
  const weeks = exampleWindows('2026-01-05T00:00:00Z', 7, 3);
  return [
    {
      method: 'ThemesRepository.themeNames',
      example: 'environment 1.',
      statement: themeNamesStatement('1'),
    },
    {
      method: 'ThemesRepository.themePatterns',
      example: 'environment 1 (themeSuggestions leaves out what they match).',
      statement: themePatternsStatement('1'),
    },
    {
      method: 'ThemesRepository.themeCounts (themeImpact)',
      example:
        'two years from 2024-01-01 10:30 UTC, ALL_RESPONSES, no filter: whole days from the rollups, the two partial days from rows.',
      statement: themeCountsFromRollupStatement('1', {
        from: new Date('2024-01-01T10:30:00Z'),
        to: new Date('2026-01-01T10:30:00Z'),
      }),
    },
    {
      method: 'ThemesRepository.themeCounts (themeImpact)',
      example: 'two years, LATEST_PER_PERSON, no filter (rows).',
      statement: themeCountsStatement(exampleScope(false), twoYears, 'LATEST_PER_PERSON'),
    },
    {
      method: 'ThemesRepository.themeCounts (themeImpact)',
      example: "a quarter, LATEST_PER_PERSON, filter plan = 'pro'.",
      statement: themeCountsStatement(exampleScope(true), quarter, 'LATEST_PER_PERSON'),
    },
    {
      method: 'ThemesRepository.themeTrend',
      example: 'theme 3, three ISO weeks.',
      statement: themeTrendStatement(exampleScope(false), weeks, '3'),
    },
    {
      method: 'ThemesRepository.sentimentSplit',
      example: 'a quarter, ALL_RESPONSES, no filter.',
      statement: sentimentSplitStatement(exampleScope(false), quarter, 'ALL_RESPONSES'),
    },
    {
      method: 'ThemesRepository.suggestionComments (themeSuggestions)',
      example: 'a quarter, the newest 20,000 comments of detractors and promoters.',
      statement: suggestionCommentsStatement(exampleScope(false), quarter, 20_000),
    },
    {
      method: 'ThemesRepository.themeActivity',
      example: 'theme 3, a quarter, 30-day windows.',
      statement: themeActivityStatement(exampleScope(false), quarter, '3', 30),
    },
  ];
}
