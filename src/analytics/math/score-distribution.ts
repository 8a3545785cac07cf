/**
 * The distribution of NPS scores of one set of responses (docs/nps-method.md, "Score
 * distribution"): counts and shares of each score 0…10, the mean and the median. Pure.
 */

export interface ScoreDistribution {
  responses: number;
  /** 11 entries: how many responses scored 0, 1, …, 10. */
  counts: number[];
  /** counts ÷ responses (0–1); all 0 when there are none. */
  shares: number[];
  /** Null when there are no responses. */
  mean: number | null;
  /** The middle score; with an even count the mean of the two middle ones. Null when empty. */
  median: number | null;
}

/** The score at 0-based `rank` in the sorted scores that `counts` describe. */
function scoreAtRank(counts: readonly number[], rank: number): number {
  let seen = 0;
  for (let score = 0; score <= 10; score += 1) {
    seen += counts[score];
    if (rank < seen) return score;
  }
  throw new RangeError(`rank ${rank} is beyond ${seen} responses`);
}

/** The distribution from counts per score (index = score); throws unless 11 non-negative integers. */
export function scoreDistribution(counts: readonly number[]): ScoreDistribution {
  if (counts.length !== 11 || !counts.every((c) => Number.isSafeInteger(c) && c >= 0)) {
    throw new RangeError('Score counts must be 11 non-negative integers (scores 0 to 10)');
  }
  const responses = counts.reduce((sum, count) => sum + count, 0);
  if (responses === 0) {
    return {
      responses,
      counts: [...counts],
      shares: counts.map(() => 0),
      mean: null,
      median: null,
    };
  }
  const scoreSum = counts.reduce((sum, count, score) => sum + count * score, 0);
  const lower = scoreAtRank(counts, Math.floor((responses - 1) / 2));
  const upper = scoreAtRank(counts, Math.floor(responses / 2));
  return {
    responses,
    counts: [...counts],
    shares: counts.map((count) => count / responses),
    mean: scoreSum / responses,
    median: (lower + upper) / 2,
  };
}
