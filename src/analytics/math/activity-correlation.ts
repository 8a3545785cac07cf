import { benjaminiHochberg } from './correlation/benjamini-hochberg';
import { pearsonPValue } from './correlation/p-values';
import { pearsonFromSums } from './correlation/pearson';
import { spearmanSparse } from './correlation/spearman';
import { npsDifference, npsFromCounts, type NpsCounts } from './nps-math';

/** Users of one event type with a given (x, score): x = events in the window, x > 0. */
export interface SparseCell {
  x: number;
  score: number;
  users: number;
}

export interface ActivityCorrelation {
  eventType: string;
  observations: number;
  usersWith: number;
  usersWithout: number;
  pearson: number | null;
  pValue: number | null;
  qValue: number | null;
  spearman: number | null;
  npsWith: number | null;
  npsWithout: number | null;
  npsDifference: number | null;
  npsDifferenceCiLow: number | null;
  npsDifferenceCiHigh: number | null;
  promoterRateWith: number | null;
  promoterRateWithout: number | null;
}

function countsOf(scoreCounts: readonly number[]): NpsCounts {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  scoreCounts.forEach((users, score) => {
    if (score >= 9) promoters += users;
    else if (score >= 7) passives += users;
    else detractors += users;
  });
  return { promoters, passives, detractors };
}

/** Default minimum group size: 25 or 2 % of the observations, whichever is smaller. */
export function defaultMinUsers(observations: number): number {
  return Math.min(25, 0.02 * observations);
}

/**
 * Correlation figures of every event type from the score histogram of all observations and each
 * type's sparse (x > 0) cells; users without the event enter only through the totals. Types with
 * fewer than `minUsers` observations on either side are left out; q-values (Benjamini–Hochberg)
 * are over the types reported. Sorted by pearson, highest first (nulls last).
 */
export function activityCorrelations(
  scoreCounts: readonly number[],
  cellsByType: ReadonlyMap<string, readonly SparseCell[]>,
  minUsers?: number | null,
): ActivityCorrelation[] {
  const n = scoreCounts.reduce((sum, users) => sum + users, 0);
  const threshold = minUsers ?? defaultMinUsers(n);
  const sumY = scoreCounts.reduce((sum, users, score) => sum + users * score, 0);
  const sumYY = scoreCounts.reduce((sum, users, score) => sum + users * score * score, 0);
  const rows: ActivityCorrelation[] = [];
  for (const [eventType, cells] of cellsByType) {
    const withByScore = Array.from({ length: 11 }, () => 0);
    let usersWith = 0;
    let sumX = 0;
    let sumXX = 0;
    let sumXY = 0;
    for (const cell of cells) {
      usersWith += cell.users;
      withByScore[cell.score] += cell.users;
      sumX += cell.x * cell.users;
      sumXX += cell.x * cell.x * cell.users;
      sumXY += cell.x * cell.score * cell.users;
    }
    const usersWithout = n - usersWith;
    if (usersWith < threshold || usersWithout < threshold) continue;
    const withoutByScore = scoreCounts.map((users, score) => users - withByScore[score]);
    const pearson = pearsonFromSums({ n, sumX, sumY, sumXX, sumYY, sumXY });
    const nonZero = cells.map((cell) => ({ x: cell.x, y: cell.score, users: cell.users }));
    const withCounts = countsOf(withByScore);
    const withoutCounts = countsOf(withoutByScore);
    const difference = npsDifference(withCounts, withoutCounts);
    rows.push({
      eventType,
      observations: n,
      usersWith,
      usersWithout,
      pearson,
      pValue: pearson === null ? null : pearsonPValue(pearson, n),
      qValue: null,
      spearman: spearmanSparse({ nonZero, zeroCountByScore: withoutByScore }),
      npsWith: npsFromCounts(withCounts).nps,
      npsWithout: npsFromCounts(withoutCounts).nps,
      npsDifference: difference.difference,
      npsDifferenceCiLow: difference.ciLow,
      npsDifferenceCiHigh: difference.ciHigh,
      promoterRateWith: usersWith > 0 ? withCounts.promoters / usersWith : null,
      promoterRateWithout: usersWithout > 0 ? withoutCounts.promoters / usersWithout : null,
    });
  }
  const qValues = benjaminiHochberg(rows.map((row) => row.pValue));
  rows.forEach((row, index) => (row.qValue = qValues[index]));
  return rows.sort(
    (a, b) =>
      (b.pearson ?? -Infinity) - (a.pearson ?? -Infinity) || a.eventType.localeCompare(b.eventType),
  );
}
