import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { type Cell, downloadCsv } from '../csv';

export interface CsvExport {
  filename: string;
  header: string[];
  rows: Cell[][];
}

/** A card holding a chart with its table view and CSV download. */
export function ChartFrame({
  title,
  subtitle,
  chart,
  table,
  csv,
  legend,
  busy,
  testId,
  actions,
}: {
  title: string;
  subtitle?: ComponentChildren;
  chart: ComponentChildren;
  table: () => ComponentChildren;
  csv: () => CsvExport;
  legend?: ComponentChildren;
  busy?: boolean;
  testId?: string;
  actions?: ComponentChildren;
}) {
  const [mode, setMode] = useState<'chart' | 'table'>('chart');
  const headingId = `h-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section
      class="card chart-card"
      aria-labelledby={headingId}
      data-testid={testId}
      aria-busy={busy}
    >
      <header class="card-header">
        <div>
          <h2 id={headingId}>{title}</h2>
          {subtitle && <p class="card-subtitle">{subtitle}</p>}
        </div>
        <div class="card-actions">
          {actions}
          <div class="segmented" role="group" aria-label={`${title}: show as`}>
            <button type="button" aria-pressed={mode === 'chart'} onClick={() => setMode('chart')}>
              Chart
            </button>
            <button type="button" aria-pressed={mode === 'table'} onClick={() => setMode('table')}>
              Table
            </button>
          </div>
          <button
            type="button"
            class="button button-quiet"
            onClick={() => {
              const { filename, header, rows } = csv();
              downloadCsv(filename, header, rows);
            }}
          >
            Download CSV
          </button>
        </div>
      </header>
      <div class={busy ? 'card-body is-busy' : 'card-body'}>
        {mode === 'chart' ? (
          <>
            {chart}
            {legend && <div class="legend">{legend}</div>}
          </>
        ) : (
          table()
        )}
      </div>
    </section>
  );
}
