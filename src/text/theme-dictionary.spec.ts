import { MAX_THEMES, cleanDictionary, dictionaryProblems } from './theme-dictionary';

const fields = (themes: Array<{ name: string; patterns: string[] }>) =>
  dictionaryProblems(themes).map((problem) => problem.field);

describe('dictionaryProblems', () => {
  it('accepts the starter-like dictionary', () => {
    expect(fields([{ name: 'Pricing', patterns: ['price', 'too expensive'] }])).toEqual([]);
  });

  it('names an empty name', () => {
    expect(fields([{ name: '  ', patterns: ['x'] }])).toEqual(['themes[0].name']);
  });

  it('names the second of two names that differ only in case or accents', () => {
    expect(
      fields([
        { name: 'Café', patterns: ['a'] },
        { name: 'Pricing', patterns: ['b'] },
        { name: 'CAFE', patterns: ['c'] },
      ]),
    ).toEqual(['themes[2].name']);
  });

  it('names an empty pattern, one without words and a theme without patterns', () => {
    expect(
      fields([
        { name: 'A', patterns: ['ok', ' '] },
        { name: 'B', patterns: ['!!!'] },
        { name: 'C', patterns: [] },
      ]),
    ).toEqual(['themes[0].patterns[1]', 'themes[1].patterns[0]', 'themes[2].patterns']);
  });

  it(`refuses 500 themes (more than ${MAX_THEMES}), naming themes`, () => {
    const many = Array.from({ length: 500 }, (_, index) => ({
      name: `t${index}`,
      patterns: ['x'],
    }));
    const problems = dictionaryProblems(many);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ field: 'themes' });
    expect(problems[0].message).toMatch(/500 themes; at most 100/);
  });
});

describe('cleanDictionary', () => {
  it('trims names and patterns, squeezes spaces and drops repeated patterns', () => {
    expect(
      cleanDictionary([{ name: ' Speed ', patterns: ['slow ', 'load   time', 'slow'] }]),
    ).toEqual([{ name: 'Speed', patterns: ['slow', 'load time'] }]);
  });
});
