import { coverIsCheaper, coverWindows } from './window-cover';

const START = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;
const day = (n: number) => new Date(START + n * DAY);
const dayOf = (date: Date) => (date.getTime() - START) / DAY;
const window = (from: number, to: number) => ({ from: day(from), to: day(to) });
const days = (pieces: Array<{ from: Date; to: Date }>) =>
  pieces.map((piece) => [dayOf(piece.from), dayOf(piece.to)]);

describe('coverWindows', () => {
  it('cuts a 7-day current window and its 28-day baseline, evaluated on two days, at every boundary', () => {
    const windows = [window(28, 35), window(0, 28), window(29, 36), window(1, 29)];
    const cover = coverWindows(windows);
    expect(days(cover.pieces)).toEqual([
      [0, 1],
      [1, 28],
      [28, 29],
      [29, 35],
      [35, 36],
    ]);
    expect(cover.piecesOf).toEqual([
      [2, 3],
      [0, 1],
      [3, 4],
      [1, 2],
    ]);
    expect(coverIsCheaper(windows, cover)).toBe(true);
  });

  it('leaves out the gap between two windows that do not touch', () => {
    const cover = coverWindows([window(0, 2), window(5, 6)]);
    expect(days(cover.pieces)).toEqual([
      [0, 2],
      [5, 6],
    ]);
    expect(cover.piecesOf).toEqual([[0], [1]]);
  });

  it('is no cheaper for disjoint windows, which are their own cover', () => {
    const windows = [window(0, 1), window(1, 2), window(2, 3)];
    const cover = coverWindows(windows);
    expect(days(cover.pieces)).toEqual(days(windows));
    expect(coverIsCheaper(windows, cover)).toBe(false);
  });

  it('gives an empty window no pieces and the same window twice the same pieces', () => {
    const cover = coverWindows([window(3, 3), window(1, 4), window(1, 4)]);
    expect(days(cover.pieces)).toEqual([[1, 4]]);
    expect(cover.piecesOf).toEqual([[], [0], [0]]);
  });
});
