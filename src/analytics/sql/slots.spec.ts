import { alignedMiddle, alignedUtcDays, edgesOf, isSlotAligned } from './slots';

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
