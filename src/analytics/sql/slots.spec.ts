import {
  alignedMiddle,
  alignedUtcDays,
  daySplitParameters,
  edgesOf,
  isSlotAligned,
  rollupPieces,
  splitIntoUtcDays,
} from './slots';

const at = (iso: string) => new Date(iso);

describe('splitting windows between the 15-minute rollup and raw rows', () => {
  it('keeps aligned windows whole', () => {
    const window = { from: at('2026-01-01T00:00:00Z'), to: at('2026-01-08T00:15:00Z') };
    expect(isSlotAligned(window)).toBe(true);
    expect(alignedMiddle(window)).toEqual(window);
    expect(edgesOf(window, alignedMiddle(window))).toEqual([]);
  });

  it('reads the edges of an unaligned window from rows', () => {
    const window = { from: at('2026-01-01T00:07:00Z'), to: at('2026-01-02T10:41:30Z') };
    const middle = alignedMiddle(window);
    expect(middle).toEqual({ from: at('2026-01-01T00:15:00Z'), to: at('2026-01-02T10:30:00Z') });
    expect(edgesOf(window, middle)).toEqual([
      { from: at('2026-01-01T00:07:00Z'), to: at('2026-01-01T00:15:00Z') },
      { from: at('2026-01-02T10:30:00Z'), to: at('2026-01-02T10:41:30Z') },
    ]);
  });

  it('reads a window inside one slot entirely from rows', () => {
    const window = { from: at('2026-01-01T00:01:00Z'), to: at('2026-01-01T00:14:00Z') };
    const middle = alignedMiddle(window);
    expect(middle.from.getTime()).toBe(middle.to.getTime());
    expect(edgesOf(window, middle)).toEqual([window]);
  });

  it('splits a Berlin month into whole UTC days and two edges for the daily histogram', () => {
    // March 2026 in Europe/Berlin: 1 March 00:00 +01:00 = 28 Feb 23:00 UTC, 1 April 00:00 +02:00 =
    // 31 March 22:00 UTC. Whole UTC days: 1 March 00:00 to 31 March 00:00; edges of 1 h and 22 h.
    const window = { from: at('2026-02-28T23:00:00Z'), to: at('2026-03-31T22:00:00Z') };
    const middle = alignedUtcDays(window);
    expect(middle).toEqual({ from: at('2026-03-01T00:00:00Z'), to: at('2026-03-31T00:00:00Z') });
    expect(edgesOf(window, middle)).toEqual([
      { from: at('2026-02-28T23:00:00Z'), to: at('2026-03-01T00:00:00Z') },
      { from: at('2026-03-31T00:00:00Z'), to: at('2026-03-31T22:00:00Z') },
    ]);
  });
});

describe('splitting slot-aligned windows between the daily and the 15-minute rollups', () => {
  it('reads a Berlin month as its whole UTC days and the slots of its first and last UTC day', () => {
    // Berlin's March 2026: 2026-02-28T23:00Z … 2026-03-31T22:00Z (summer time from the 29th).
    const window = { from: at('2026-02-28T23:00:00Z'), to: at('2026-03-31T22:00:00Z') };
    expect(rollupPieces([window])).toEqual([
      {
        from: at('2026-03-01T00:00:00Z'),
        to: at('2026-03-31T00:00:00Z'),
        position: 1,
        daily: true,
      },
      {
        from: at('2026-02-28T23:00:00Z'),
        to: at('2026-03-01T00:00:00Z'),
        position: 1,
        daily: false,
      },
      {
        from: at('2026-03-31T00:00:00Z'),
        to: at('2026-03-31T22:00:00Z'),
        position: 1,
        daily: false,
      },
    ]);
  });

  it('reads a window of whole UTC days from days only, and one inside a day from slots only', () => {
    const days = { from: at('2026-01-01T00:00:00Z'), to: at('2026-01-08T00:00:00Z') };
    const hours = { from: at('2026-01-09T06:15:00Z'), to: at('2026-01-09T18:00:00Z') };
    const across = { from: at('2026-01-09T18:00:00Z'), to: at('2026-01-10T06:00:00Z') };
    expect(rollupPieces([days, hours, across])).toEqual([
      { ...days, position: 1, daily: true },
      { ...hours, position: 2, daily: false },
      { ...across, position: 3, daily: false },
    ]);
  });

  it('drops an empty window', () => {
    const empty = { from: at('2026-01-01T00:00:00Z'), to: at('2026-01-01T00:00:00Z') };
    expect(rollupPieces([empty])).toEqual([]);
  });
});

describe('splitting windows between a daily rollup and rows, window by window', () => {
  it('gives each window its whole UTC days and its edges, numbered from 1', () => {
    const split = splitIntoUtcDays([
      { from: at('2026-01-01T14:00:00Z'), to: at('2026-01-04T09:30:00Z') },
      { from: at('2026-01-05T00:00:00Z'), to: at('2026-01-06T00:00:00Z') },
      { from: at('2026-01-07T01:00:00Z'), to: at('2026-01-07T02:00:00Z') },
    ]);
    expect(split.days).toEqual([
      { from: at('2026-01-02T00:00:00Z'), to: at('2026-01-04T00:00:00Z'), position: 1 },
      { from: at('2026-01-05T00:00:00Z'), to: at('2026-01-06T00:00:00Z'), position: 2 },
    ]);
    expect(split.edges).toEqual([
      { from: at('2026-01-01T14:00:00Z'), to: at('2026-01-02T00:00:00Z'), position: 1 },
      { from: at('2026-01-04T00:00:00Z'), to: at('2026-01-04T09:30:00Z'), position: 1 },
      { from: at('2026-01-07T01:00:00Z'), to: at('2026-01-07T02:00:00Z'), position: 3 },
    ]);
    expect(daySplitParameters(split)).toMatchObject({
      dayPositions: [1, 2],
      edgeStarts: [
        '2026-01-01T14:00:00.000Z',
        '2026-01-04T00:00:00.000Z',
        '2026-01-07T01:00:00.000Z',
      ],
      edgePositions: [1, 1, 3],
    });
  });
});
