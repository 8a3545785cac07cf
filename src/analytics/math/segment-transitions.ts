/**
 * Segment transitions (docs/nps-method.md, "Segment transitions"): consecutive pairs of one
 * respondent's NPS responses counted by (segment of the earlier, segment of the later). Pure.
 */
import type { NpsCategory } from './nps-math';

export const SEGMENT_ORDER: readonly NpsCategory[] = ['PROMOTER', 'PASSIVE', 'DETRACTOR'];

export interface TransitionCount {
  from: NpsCategory;
  to: NpsCategory;
  count: number;
}

export interface TransitionCell extends TransitionCount {
  /** count ÷ pairs with the same `from`; null when no pair starts there. */
  share: number | null;
}

/** The full 3×3 matrix (from-major, promoter → passive → detractor) with shares per row. */
export function transitionMatrix(counts: readonly TransitionCount[]): TransitionCell[] {
  const countOf = (from: NpsCategory, to: NpsCategory) =>
    counts
      .filter((cell) => cell.from === from && cell.to === to)
      .reduce((sum, cell) => sum + cell.count, 0);
  return SEGMENT_ORDER.flatMap((from) => {
    const row = SEGMENT_ORDER.map((to) => countOf(from, to));
    const pairs = row.reduce((sum, count) => sum + count, 0);
    return SEGMENT_ORDER.map((to, index) => ({
      from,
      to,
      count: row[index],
      share: pairs === 0 ? null : row[index] / pairs,
    }));
  });
}
