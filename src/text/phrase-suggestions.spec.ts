import { phraseSuggestions } from './phrase-suggestions';
import { ThemeMatcher } from './theme-matcher';

const matcher = new ThemeMatcher([{ id: '1', name: 'Speed', patterns: ['slow'] }]);

describe('phraseSuggestions', () => {
  it('ranks uncovered phrases of detractors, counted once per comment, with promoter counts', () => {
    const suggestions = phraseSuggestions(
      [
        { segment: 'DETRACTOR', comment: 'No dark mode, dark mode please. Slow too.' },
        { segment: 'DETRACTOR', comment: 'Need DARK MODE' },
        { segment: 'DETRACTOR', comment: 'The calendar sync is slow' },
        { segment: 'DETRACTOR', comment: 'calendar broken' },
        { segment: 'PROMOTER', comment: 'Love the calendar' },
        { segment: 'PASSIVE', comment: 'dark mode dark mode dark mode' },
      ],
      matcher,
      5,
    );
    expect(suggestions).toEqual([
      { phrase: 'dark mode', detractors: 2, promoters: 0 },
      { phrase: 'calendar', detractors: 2, promoters: 1 },
    ]);
  });

  it('leaves out what a theme already matches (by stem) and filler words', () => {
    const suggestions = phraseSuggestions(
      [
        { segment: 'DETRACTOR', comment: 'it slows down, slows everything' },
        { segment: 'DETRACTOR', comment: 'slows and the the' },
        { segment: 'DETRACTOR', comment: 'slows' },
      ],
      matcher,
      5,
    );
    expect(suggestions.map((entry) => entry.phrase)).not.toContain('slows');
    expect(suggestions.map((entry) => entry.phrase)).not.toContain('the');
  });
});
