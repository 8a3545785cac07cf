/**
 * The 15-minute UTC slots of nps_rollup_15m: every IANA offset is a multiple of 15 minutes, so a
 * window splits into a slot-aligned middle the rollup answers and short edges read from rows.
 */

const SLOT_MS = 15 * 60_000;

/** UTC days: the unit of engagement_histogram_1d. */
export const UTC_DAY_MS = 24 * 60 * 60_000;

export interface TimeWindow {
  from: Date;
  to: Date;
}

/** The largest slot-aligned part of a window (empty, from = to, when it spans no whole slot). */
export function alignedMiddle(window: TimeWindow): TimeWindow {
  return alignedTo(window, SLOT_MS);
}

/** The largest part of a window made of whole UTC days (empty when it spans none). */
export function alignedUtcDays(window: TimeWindow): TimeWindow {
  return alignedTo(window, UTC_DAY_MS);
}

function alignedTo(window: TimeWindow, unitMs: number): TimeWindow {
  const from = Math.ceil(window.from.getTime() / unitMs) * unitMs;
  const to = Math.max(from, Math.floor(window.to.getTime() / unitMs) * unitMs);
  return { from: new Date(from), to: new Date(to) };
}

/** What a window has outside its aligned middle: at most two pieces shorter than its unit. */
export function edgesOf(window: TimeWindow, middle: TimeWindow): TimeWindow[] {
  if (middle.from.getTime() === middle.to.getTime()) return [window];
  return [
    { from: window.from, to: middle.from },
    { from: middle.to, to: window.to },
  ].filter((edge) => edge.from.getTime() < edge.to.getTime());
}

/** Whether a window starts and ends on 15-minute UTC slot boundaries (so the rollup covers it exactly). */
export function isSlotAligned(window: TimeWindow): boolean {
  return window.from.getTime() % SLOT_MS === 0 && window.to.getTime() % SLOT_MS === 0;
}

/** Where the rollups answer a slot-aligned window from: whole UTC days, and the slots around them. */
export interface RollupPiece extends TimeWindow {
  /** The window's 1-based place in its list. */
  position: number;
  /** true: days of nps_rollup_1d; false: slots of nps_rollup_15m. */
  daily: boolean;
}

/**
 * Splits slot-aligned windows into their whole UTC days and the (< 1 day) slot-aligned parts
 * around them, dropping empty parts; the rollup statements take the pieces as arrays.
 */
export function rollupPieces(windows: readonly TimeWindow[]): RollupPiece[] {
  return windows.flatMap((window, index) => {
    const days = alignedUtcDays(window);
    const hasDays = days.from.getTime() < days.to.getTime();
    const slots = hasDays ? edgesOf(window, days) : [window];
    return [
      ...(hasDays ? [{ ...days, position: index + 1, daily: true }] : []),
      ...slots
        .filter((slot) => slot.from.getTime() < slot.to.getTime())
        .map((slot) => ({ ...slot, position: index + 1, daily: false })),
    ];
  });
}

/** The pieces as the array parameters of a rollup statement. */
export function rollupPieceParameters(pieces: readonly RollupPiece[]): {
  pieceStarts: string[];
  pieceEnds: string[];
  piecePositions: number[];
  pieceDaily: boolean[];
} {
  return {
    pieceStarts: pieces.map((piece) => piece.from.toISOString()),
    pieceEnds: pieces.map((piece) => piece.to.toISOString()),
    piecePositions: pieces.map((piece) => piece.position),
    pieceDaily: pieces.map((piece) => piece.daily),
  };
}

/** A window's whole UTC days and its (< 1 day) edges, with the window's position (1…n). */
export interface DaySplit {
  days: ReadonlyArray<TimeWindow & { position: number }>;
  edges: ReadonlyArray<TimeWindow & { position: number }>;
}

/** The rollup pieces of windows as whole UTC days (of a daily rollup) and edges (read from rows). */
export function splitIntoUtcDays(windows: readonly TimeWindow[]): DaySplit {
  const pieces = rollupPieces(windows).map(({ from, to, position, daily }) => ({
    piece: { from, to, position },
    daily,
  }));
  return {
    days: pieces.filter((p) => p.daily).map((p) => p.piece),
    edges: pieces.filter((p) => !p.daily).map((p) => p.piece),
  };
}

/** A day split as the array parameters of a daily-rollup statement (days, then edges). */
export function daySplitParameters(split: DaySplit): {
  dayStarts: string[];
  dayEnds: string[];
  dayPositions: number[];
  edgeStarts: string[];
  edgeEnds: string[];
  edgePositions: number[];
} {
  return {
    dayStarts: split.days.map((day) => day.from.toISOString()),
    dayEnds: split.days.map((day) => day.to.toISOString()),
    dayPositions: split.days.map((day) => day.position),
    edgeStarts: split.edges.map((edge) => edge.from.toISOString()),
    edgeEnds: split.edges.map((edge) => edge.to.toISOString()),
    edgePositions: split.edges.map((edge) => edge.position),
  };
}
