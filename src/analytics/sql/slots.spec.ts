import { alignedMiddle, edgesOf, isSlotAligned } from './slots';

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
});
