import { activityCorrelations, defaultMinUsers } from './activity-correlation';
import { pearsonPValue } from './correlation/p-values';

describe('activityCorrelations', () => {
  // Six observed users with scores 10, 9, 8, 6, 3, 0. "Report" was done by the first three
  // (x = 3, 2, 1), "Support" by the last two (x = 1, 2).
  const scoreCounts = [1, 0, 0, 1, 0, 0, 1, 0, 1, 1, 1];
  const cells = new Map([
    [
      'Report',
      [
        { x: 3, score: 10, users: 1 },
        { x: 2, score: 9, users: 1 },
        { x: 1, score: 8, users: 1 },
      ],
    ],
    [
      'Support',
      [
        { x: 1, score: 3, users: 1 },
        { x: 2, score: 0, users: 1 },
      ],
    ],
  ]);

  it('computes Pearson with the zero users entering through the totals', () => {
    const [report] = activityCorrelations(scoreCounts, cells, 1);
    // x = [3,2,1,0,0,0], y = [10,9,8,6,3,0]: mean x = 1, mean y = 6.
    // Σdx·dy = 2·4 + 1·3 + 0·2 + (−1)·0 + (−1)·(−3) + (−1)·(−6) = 20
    // Σdx² = 4+1+0+1+1+1 = 8; Σdy² = 16+9+4+0+9+36 = 74 → r = 20/√(8·74) = 0.821995...
    expect(report.eventType).toBe('Report');
    expect(report.pearson).toBeCloseTo(20 / Math.sqrt(8 * 74), 10);
    expect(report.pValue).toBeCloseTo(pearsonPValue(20 / Math.sqrt(8 * 74), 6)!, 12);
  });

  it('computes Spearman with averaged ranks over the zero tie group', () => {
    const [report] = activityCorrelations(scoreCounts, cells, 1);
    // ranks x: zeros share (1+2+3)/3 = 2, then 1→4, 2→5, 3→6: [6,5,4,2,2,2]; ranks y: [6,5,4,3,2,1].
    // mean 3.5 both; dx = [2.5,1.5,0.5,−1.5,−1.5,−1.5], dy = [2.5,1.5,0.5,−0.5,−1.5,−2.5]
    // Σdx·dy = 6.25+2.25+0.25+0.75+2.25+3.75 = 15.5; Σdx² = 6.25+2.25+0.25+3·2.25 = 15.5; Σdy² = 17.5
    expect(report.spearman).toBeCloseTo(15.5 / Math.sqrt(15.5 * 17.5), 10);
  });

  it('splits NPS and promoter rates by whether users did the event', () => {
    const [report] = activityCorrelations(scoreCounts, cells, 1);
    // with: 10, 9, 8 → P=2, A=1, D=0 → NPS 66.67; without: 6, 3, 0 → D=3 → NPS −100.
    expect(report.usersWith).toBe(3);
    expect(report.usersWithout).toBe(3);
    expect(report.npsWith).toBeCloseTo(200 / 3, 10);
    expect(report.npsWithout).toBe(-100);
    expect(report.npsDifference).toBeCloseTo(200 / 3 + 100, 10);
    expect(report.promoterRateWith).toBeCloseTo(2 / 3, 12);
    expect(report.promoterRateWithout).toBe(0);
  });

  it('sorts by Pearson and adjusts p-values over the reported types only', () => {
    const rows = activityCorrelations(scoreCounts, cells, 1);
    expect(rows.map((row) => row.eventType)).toEqual(['Report', 'Support']);
    const [a, b] = rows.map((row) => row.pValue!);
    // BH with m = 2: the smaller p times 2, the larger times 1, made monotone.
    const smaller = Math.min(a, b);
    const larger = Math.max(a, b);
    const qSmaller = Math.min(2 * smaller, larger);
    expect(rows.find((row) => row.pValue === smaller)!.qValue).toBeCloseTo(qSmaller, 12);
    expect(rows.find((row) => row.pValue === larger)!.qValue).toBeCloseTo(larger, 12);
  });

  it('leaves out types with too few users on either side', () => {
    expect(activityCorrelations(scoreCounts, cells, 3).map((row) => row.eventType)).toEqual([
      'Report',
    ]);
    expect(activityCorrelations(scoreCounts, cells, 4)).toEqual([]);
  });

  it('defaults the minimum to 25 or 2 % of observations, whichever is smaller', () => {
    expect(defaultMinUsers(100)).toBe(2);
    expect(defaultMinUsers(5000)).toBe(25);
  });
});
