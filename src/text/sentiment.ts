import { SentimentIntensityAnalyzer } from 'vader-sentiment';

/** The label of a sentiment score (docs/comment-analysis.md, "Sentiment"). */
export type SentimentLabel = 'POSITIVE' | 'NEUTRAL' | 'NEGATIVE';

/** Scores at or beyond these are positive or negative: VADER's own thresholds. */
export const POSITIVE_FROM = 0.05;
export const NEGATIVE_FROM = -0.05;

/** Comments longer than this are scored on their first this many characters. */
export const SCORED_CHARACTERS = 10_000;

/**
 * VADER's compound score of a comment, in [−1, 1], rounded to 4 decimals; null when there is no
 * comment or it holds no word (only spaces or punctuation): such a comment has no sentiment.
 */
export function sentimentScore(comment: string | null): number | null {
  if (comment === null) return null;
  const text = comment.slice(0, SCORED_CHARACTERS).normalize('NFC');
  if (!/[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(text)) return null;
  const { compound } = SentimentIntensityAnalyzer.polarity_scores(text);
  const rounded = Math.round(compound * 10_000) / 10_000;
  return Math.max(-1, Math.min(1, rounded)) + 0; // + 0 turns −0 into 0
}

/** POSITIVE at ≥ 0.05, NEGATIVE at ≤ −0.05, NEUTRAL between. */
export function sentimentLabel(score: number): SentimentLabel {
  if (score >= POSITIVE_FROM) return 'POSITIVE';
  if (score <= NEGATIVE_FROM) return 'NEGATIVE';
  return 'NEUTRAL';
}
