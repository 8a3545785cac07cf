/** Category counts of a set of NPS responses: the SELECT list that computes them and its row. */

export interface CategoryCounts {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  scoreSum: number;
}

/** Aggregates over rows with a `score` column into a CategoryCounts row. */
export const COUNTS = `count(*)::int AS responses,
count(*) FILTER (WHERE score >= 9)::int AS promoters,
count(*) FILTER (WHERE score BETWEEN 7 AND 8)::int AS passives,
count(*) FILTER (WHERE score <= 6)::int AS detractors,
coalesce(sum(score), 0)::int AS "scoreSum"`;

export function emptyCounts(): CategoryCounts {
  return { responses: 0, promoters: 0, passives: 0, detractors: 0, scoreSum: 0 };
}

export function addCounts(a: CategoryCounts, b: CategoryCounts): CategoryCounts {
  return {
    responses: a.responses + b.responses,
    promoters: a.promoters + b.promoters,
    passives: a.passives + b.passives,
    detractors: a.detractors + b.detractors,
    scoreSum: a.scoreSum + b.scoreSum,
  };
}
