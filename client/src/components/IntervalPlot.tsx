/** A small forest-plot mark: the difference and its 95 % interval on a −100…+100 scale. */
export function IntervalPlot({
  value,
  low,
  high,
  significant,
  label,
}: {
  value: number | null;
  low: number | null;
  high: number | null;
  significant: boolean;
  label: string;
}) {
  const width = 96;
  const x = (v: number) => ((Math.max(-100, Math.min(100, v)) + 100) / 200) * width;
  return (
    <svg
      width={width}
      height="16"
      viewBox={`0 0 ${width} 16`}
      class="interval-plot"
      role="img"
      aria-label={label}
    >
      <line x1="0" x2={width} y1="8" y2="8" class="grid-line" />
      <line x1={x(0)} x2={x(0)} y1="1" y2="15" class="grid-zero" />
      {value !== null && low !== null && high !== null && (
        <>
          <line
            x1={x(low)}
            x2={x(high)}
            y1="8"
            y2="8"
            stroke="var(--accent)"
            stroke-width="2"
            opacity={significant ? 1 : 0.5}
          />
          <circle
            cx={x(value)}
            cy="8"
            r="3.5"
            fill={significant ? 'var(--accent)' : 'var(--surface)'}
            stroke="var(--accent)"
            stroke-width="2"
          />
        </>
      )}
    </svg>
  );
}
