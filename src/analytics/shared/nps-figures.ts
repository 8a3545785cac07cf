import { npsFromCounts } from '../math/nps-math';
import type { CategoryCounts } from '../sql/category-counts';
import type { NpsFiguresModel } from './nps-figures.model';

/** The figures of a set of responses from its category counts. */
export function npsFigures(counts: CategoryCounts): NpsFiguresModel {
  const result = npsFromCounts(counts);
  return {
    responses: result.responses,
    promoters: result.promoters,
    passives: result.passives,
    detractors: result.detractors,
    nps: result.nps,
    averageScore: result.averageScore,
    ciLow: result.ciLow,
    ciHigh: result.ciHigh,
    marginOfError: result.marginOfError,
  };
}
