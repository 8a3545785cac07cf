import { stemWord } from './stem';

/**
 * The words of a text as the theme matcher sees them (docs/comment-analysis.md, "Matching"):
 * Unicode NFKD with combining marks dropped (so "café" and "cafe" are one word), lower case,
 * then maximal runs of letters and digits, an apostrophe inside a word kept ("don't"). Spaces,
 * line breaks, punctuation and emoji only separate words.
 */
export function words(text: string): string[] {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'");
  return folded.match(/[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu) ?? [];
}

/** The stems of the words of a text, in order: what patterns are compared with. */
export function stems(text: string): string[] {
  return words(text).map(stemWord);
}
