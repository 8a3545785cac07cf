/**
 * What a theme costs or adds in NPS points (docs/comment-analysis.md, "Impact"), from category
 * counts taken in SQL. Uses the NPS figure and the adjusted-Wald difference of nps-math.ts. Pure.
 */
import { type NpsCounts, type NpsDifference, npsDifference, npsFromCounts } from './nps-math';

export interface ThemeImpactFigures {
  mentions: number;
  /** mentions / commented responses; null when no response in scope has a comment. */
  shareOfComments: number | null;
  npsWith: number | null;
  npsWithout: number | null;
  /** npsWith − npsWithout with its adjusted-Wald 95 % interval. */
  difference: NpsDifference;
  /** NPS(all) − NPS(all but those mentioning the theme). */
  impact: number | null;
}

function minus(all: NpsCounts, part: NpsCounts): NpsCounts {
  return {
    promoters: all.promoters - part.promoters,
    passives: all.passives - part.passives,
    detractors: all.detractors - part.detractors,
  };
}

/** Figures of one theme, given the counts of every response in scope and of those mentioning it. */
export function themeImpact(
  all: NpsCounts,
  withTheme: NpsCounts,
  commented: number,
): ThemeImpactFigures {
  const without = minus(all, withTheme);
  const figuresWith = npsFromCounts(withTheme);
  const figuresWithout = npsFromCounts(without);
  const figuresAll = npsFromCounts(all);
  return {
    mentions: figuresWith.responses,
    shareOfComments: commented > 0 ? figuresWith.responses / commented : null,
    npsWith: figuresWith.nps,
    npsWithout: figuresWithout.nps,
    difference: npsDifference(withTheme, without),
    impact:
      figuresAll.nps === null || figuresWithout.nps === null
        ? null
        : figuresAll.nps - figuresWithout.nps,
  };
}
