import type { TimeWindow } from './slots';

/**
 * Overlapping windows (an alert rule's current and baseline windows at many times) cut into the
 * disjoint pieces between their boundaries, so each response is counted in one piece instead of
 * in every window that holds it; a window's counts are the sum of its pieces'. Pieces cover only
 * time inside some window, in time order.
 */
export interface WindowCover {
  pieces: TimeWindow[];
  /** For each window (in order), the positions in `pieces` of the pieces that make it up. */
  piecesOf: number[][];
}

export function coverWindows(windows: readonly TimeWindow[]): WindowCover {
  // Sweep: how many windows are open after each boundary.
  const opened = new Map<number, number>();
  for (const window of windows) {
    const [from, to] = [window.from.getTime(), window.to.getTime()];
    if (from >= to) continue;
    opened.set(from, (opened.get(from) ?? 0) + 1);
    opened.set(to, (opened.get(to) ?? 0) - 1);
  }
  const bounds = [...opened.keys()].sort((a, b) => a - b);
  const pieces: TimeWindow[] = [];
  const startsAt = new Map<number, number>();
  let open = 0;
  for (let index = 0; index + 1 < bounds.length; index++) {
    open += opened.get(bounds[index])!;
    if (open === 0) continue;
    startsAt.set(bounds[index], pieces.length);
    pieces.push({ from: new Date(bounds[index]), to: new Date(bounds[index + 1]) });
  }
  const piecesOf = windows.map((window) => {
    const positions: number[] = [];
    let at = window.from.getTime();
    while (at < window.to.getTime()) {
      const position = startsAt.get(at)!;
      positions.push(position);
      at = pieces[position].to.getTime();
    }
    return positions;
  });
  return { pieces, piecesOf };
}

/** Whether counting the cover reads fewer response-days than counting each window alone. */
export function coverIsCheaper(windows: readonly TimeWindow[], cover: WindowCover): boolean {
  const length = (window: TimeWindow) => window.to.getTime() - window.from.getTime();
  const sum = (list: readonly TimeWindow[]) => list.reduce((total, w) => total + length(w), 0);
  return sum(cover.pieces) < sum(windows);
}
