import { ThemeMatcher } from './theme-matcher';
import { words } from './words';

const themes = [
  { id: '1', name: 'Pricing', patterns: ['price'] },
  { id: '2', name: 'Speed', patterns: ['slow', 'load time'] },
  { id: '3', name: 'Cafe', patterns: ['café'] },
  { id: '4', name: 'Support', patterns: ['customer service'] },
];
const matcher = new ThemeMatcher(themes);
const mentioned = (comment: string | null) =>
  matcher.mentions(comment).map((id) => themes.find((theme) => theme.id === id)!.name);

describe('words', () => {
  it('folds case and accents and keeps apostrophes inside words', () => {
    expect(words("Don’t LOVE the Café's prices!")).toEqual([
      "don't",
      'love',
      'the',
      "cafe's",
      'prices',
    ]);
  });

  it('reads emoji and punctuation as separators', () => {
    expect(words('fast😀slow...ok?!')).toEqual(['fast', 'slow', 'ok']);
    expect(words('?!… — ***')).toEqual([]);
  });
});

describe('ThemeMatcher', () => {
  it('finds a pattern in an English comment, by stem: "price" matches "prices" and "pricing"', () => {
    expect(mentioned('The prices went up again')).toEqual(['Pricing']);
    expect(mentioned('Pricing is unclear')).toEqual(['Pricing']);
    expect(mentioned('Priced out of the market')).toEqual(['Pricing']);
  });

  it('matches whole words only: "slow" is not found in "slowpoke" nor "price" in "priceless"', () => {
    expect(mentioned('what a slowpoke')).toEqual([]);
    expect(mentioned('priceless support')).toEqual([]);
  });

  it('ignores case: mixed case comments match', () => {
    expect(mentioned('SLOW and PrIcEy PRICES')).toEqual(['Speed', 'Pricing']);
  });

  it('folds accents on both sides after Unicode normalisation (composed, decomposed, none)', () => {
    expect(mentioned('Nice cafe')).toEqual(['Cafe']);
    expect(mentioned('Nice caf\u00e9')).toEqual(['Cafe']);
    expect(mentioned('Nice cafe\u0301')).toEqual(['Cafe']);
  });

  it('matches a pattern of several words in order, also across a line break', () => {
    expect(mentioned('The load time is bad')).toEqual(['Speed']);
    expect(mentioned('Call the customer\r\nservice team')).toEqual(['Support']);
    expect(mentioned('service for the customer')).toEqual([]);
    expect(mentioned('load the time')).toEqual([]);
  });

  it('finds words next to emoji', () => {
    expect(mentioned('so slow🐢🐢 and prices💸')).toEqual(['Speed', 'Pricing']);
  });

  it('finds nothing in empty, punctuation-only and missing comments', () => {
    expect(mentioned('')).toEqual([]);
    expect(mentioned('!!! ... ???')).toEqual([]);
    expect(mentioned(null)).toEqual([]);
  });

  it('names a theme once however often it is mentioned, also in a very long comment', () => {
    const long = 'the app is fine '.repeat(20_000) + 'but slow';
    expect(mentioned(long)).toEqual(['Speed']);
    expect(mentioned('slow slow slow, so slow')).toEqual(['Speed']);
  });

  it('finds nothing when the dictionary is empty', () => {
    expect(new ThemeMatcher([]).mentions('slow prices')).toEqual([]);
  });
});
