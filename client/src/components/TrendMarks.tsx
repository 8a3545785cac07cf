/** A span of the trend to shade, e.g. an alert's baseline and current windows ([from, to)). */
export interface TrendMark {
  from: string;
  to: string;
  label: string;
}

/** The windows of an alert link (`mark=<baseline from>~<split>~<to>`), or none. */
export function alertMarks(param: string | null): TrendMark[] {
  const parts = (param ?? '').split('~');
  if (parts.length !== 3 || parts.some((part) => Number.isNaN(Date.parse(part)))) return [];
  return [
    { from: parts[0], to: parts[1], label: 'Baseline' },
    { from: parts[1], to: parts[2], label: 'Alert window' },
  ];
}

/**
 * The marks as shaded rectangles behind the lines: a time falls inside its bucket in proportion
 * to how far into the bucket it is (`left` is the first bucket's left edge, `step` a bucket's width).
 */
export function TrendMarks({
  marks,
  buckets,
  frame: { left, step, top, height },
}: {
  marks: TrendMark[];
  buckets: ReadonlyArray<{ bucketStart: string }>;
  frame: { left: number; step: number; top: number; height: number };
}) {
  if (marks.length === 0 || buckets.length === 0) return null;
  const starts = buckets.map((bucket) => Date.parse(bucket.bucketStart));
  const position = (iso: string) => {
    const time = Date.parse(iso);
    const after = starts.findIndex((start) => start > time);
    const index = (after === -1 ? starts.length : after) - 1;
    if (index < 0) return 0;
    const next =
      starts[index + 1] ??
      starts[index] + (starts[index] - (starts[index - 1] ?? starts[index] - 86_400_000));
    return Math.min(
      starts.length,
      index + (time - starts[index]) / Math.max(1, next - starts[index]),
    );
  };
  return (
    <g class="trend-marks" data-testid="trend-marks">
      {marks.map((mark, index) => {
        const x1 = left + step * position(mark.from);
        const x2 = left + step * position(mark.to);
        return (
          <g key={mark.label}>
            <rect
              x={x1}
              y={top}
              width={Math.max(1, x2 - x1)}
              height={height}
              class={`trend-mark trend-mark-${index}`}
            >
              <title>{`${mark.label}: ${mark.from.slice(0, 16)} to ${mark.to.slice(0, 16)}`}</title>
            </rect>
            <text x={x1 + 4} y={top + 12} class="axis-text trend-mark-label">
              {mark.label}
            </text>
          </g>
        );
      })}
    </g>
  );
}
