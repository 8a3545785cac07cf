import { crossesAnalyzeMark } from './analyze-marks';

describe('crossesAnalyzeMark', () => {
  it('fires when the row count passes 1k, 10k, 50k and each 100k', () => {
    expect(crossesAnalyzeMark(900, 1_000)).toBe(true);
    expect(crossesAnalyzeMark(9_950, 10_050)).toBe(true);
    expect(crossesAnalyzeMark(49_999, 50_000)).toBe(true);
    expect(crossesAnalyzeMark(99_900, 100_000)).toBe(true);
    expect(crossesAnalyzeMark(699_950, 700_050)).toBe(true);
  });

  it('stays quiet between marks', () => {
    expect(crossesAnalyzeMark(0, 999)).toBe(false);
    expect(crossesAnalyzeMark(1_000, 9_999)).toBe(false);
    expect(crossesAnalyzeMark(100_000, 199_999)).toBe(false);
  });
});
