/** RFC 4180 CSV with formula-injection guarding, and a download helper. */

export type Cell = string | number | boolean | null | undefined;

function escapeCell(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  let text = String(cell);
  // Spreadsheets run cells starting with these as formulas.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((row) => row.map(escapeCell).join(',')).join('\r\n') + '\r\n';
}

export function downloadCsv(filename: string, header: string[], rows: Cell[][]): void {
  const blob = new Blob(['\ufeff', toCsv(header, rows)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** "nps-trend-2026-01-01-to-2026-03-01.csv"-style names. */
export function csvName(...parts: Array<string | null | undefined>): string {
  return (
    parts
      .filter((part): part is string => Boolean(part))
      .join('-')
      .replace(/[^\w.-]+/g, '-')
      .replace(/-+/g, '-')
      .toLowerCase() + '.csv'
  );
}
