import { sentimentLabel, sentimentScore } from './sentiment';

describe('sentimentScore', () => {
  it('is positive for unambiguous praise', () => {
    for (const text of ['I love this product', 'Great support, very helpful', 'Excellent 😀']) {
      expect(sentimentScore(text)).toBeGreaterThanOrEqual(0.05);
    }
  });

  it('is negative for unambiguous complaints', () => {
    for (const text of [
      'This is terrible and broken',
      'I hate the new design',
      'Awful, useless app',
    ]) {
      expect(sentimentScore(text)).toBeLessThanOrEqual(-0.05);
    }
  });

  it('is 0 for a plain statement of fact', () => {
    expect(sentimentScore('I use it on Tuesdays')).toBe(0);
  });

  it('is null for missing, empty and punctuation-only comments', () => {
    expect(sentimentScore(null)).toBeNull();
    expect(sentimentScore('')).toBeNull();
    expect(sentimentScore('  ?!… ')).toBeNull();
  });

  it('stays within [−1, 1] for a very long comment', () => {
    const score = sentimentScore('great '.repeat(50_000))!;
    expect(score).toBeGreaterThan(0.9);
    expect(score).toBeLessThanOrEqual(1);
  });
});

describe('sentimentLabel', () => {
  it('cuts at ±0.05, the bounds included in POSITIVE and NEGATIVE', () => {
    expect(sentimentLabel(0.05)).toBe('POSITIVE');
    expect(sentimentLabel(0.0499)).toBe('NEUTRAL');
    expect(sentimentLabel(0)).toBe('NEUTRAL');
    expect(sentimentLabel(-0.0499)).toBe('NEUTRAL');
    expect(sentimentLabel(-0.05)).toBe('NEGATIVE');
  });
});
