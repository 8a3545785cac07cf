import { transitionMatrix } from './segment-transitions';

describe('transitionMatrix', () => {
  it('fills the 3×3 matrix and shares each row by its pairs', () => {
    // Promoter rows: 3 stayed, 1 became a detractor → 3/4 and 1/4; passives: 2 became promoters
    // → 1; detractors: none → shares null.
    const cells = transitionMatrix([
      { from: 'PROMOTER', to: 'PROMOTER', count: 3 },
      { from: 'PROMOTER', to: 'DETRACTOR', count: 1 },
      { from: 'PASSIVE', to: 'PROMOTER', count: 2 },
    ]);
    expect(cells).toHaveLength(9);
    expect(cells[0]).toEqual({ from: 'PROMOTER', to: 'PROMOTER', count: 3, share: 0.75 });
    expect(cells[1]).toEqual({ from: 'PROMOTER', to: 'PASSIVE', count: 0, share: 0 });
    expect(cells[2]).toEqual({ from: 'PROMOTER', to: 'DETRACTOR', count: 1, share: 0.25 });
    expect(cells[3]).toEqual({ from: 'PASSIVE', to: 'PROMOTER', count: 2, share: 1 });
    expect(cells.slice(6).every((cell) => cell.share === null && cell.count === 0)).toBe(true);
  });
});
