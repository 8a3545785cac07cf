import porter2 from 'wink-porter2-stemmer';

/** Porter2 (Snowball English) stem of one lower-case word: "prices", "pricing" → "price". */
export function stemWord(word: string): string {
  return porter2(word);
}
