import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

export interface Column<T> {
  key: string;
  label: ComponentChildren;
  /** Plain text label for the sort button's accessible name. */
  title?: string;
  render: (row: T) => ComponentChildren;
  /** Makes the column sortable. */
  sortValue?: (row: T) => number | string | null;
  numeric?: boolean;
  nowrap?: boolean;
}

/** The column's name as text: small screens show it beside each value of a stacked row. */
function labelText<T>(column: Column<T>): string {
  return typeof column.label === 'string' ? column.label : (column.title ?? column.key);
}

/**
 * A table in a scrollable, keyboard-focusable region, optionally sortable by column. Below 600 px
 * each row is a card: its first cell as the title, then each value beside its column's name.
 */
export function DataTable<T>({
  columns,
  rows,
  caption,
  rowKey,
  initialSort,
  testId,
  rowClass,
}: {
  columns: Column<T>[];
  rows: T[];
  caption: string;
  rowKey: (row: T, index: number) => string;
  initialSort?: { key: string; descending: boolean };
  testId?: string;
  rowClass?: (row: T) => string | undefined;
}) {
  const [sort, setSort] = useState<{ key: string; descending: boolean } | null>(
    initialSort ?? null,
  );
  const sortColumn = sort ? columns.find((column) => column.key === sort.key) : undefined;
  const sorted =
    sort && sortColumn?.sortValue
      ? [...rows].sort((a, b) => {
          const x = sortColumn.sortValue!(a);
          const y = sortColumn.sortValue!(b);
          if (x === y) return 0;
          if (x === null) return 1;
          if (y === null) return -1;
          const order = x < y ? -1 : 1;
          return sort.descending ? -order : order;
        })
      : rows;
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table class="data-table" data-testid={testId}>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const active = sort?.key === column.key;
              const ariaSort = active ? (sort!.descending ? 'descending' : 'ascending') : undefined;
              return (
                <th
                  key={column.key}
                  scope="col"
                  class={column.numeric ? 'numeric' : undefined}
                  aria-sort={ariaSort}
                >
                  {column.sortValue ? (
                    <button
                      type="button"
                      class="sort-button"
                      title={`Sort by ${column.title ?? column.key}`}
                      onClick={() =>
                        setSort({
                          key: column.key,
                          descending: active ? !sort!.descending : Boolean(column.numeric),
                        })
                      }
                    >
                      {column.label}
                      <span class="sort-mark" aria-hidden="true">
                        {active ? (sort!.descending ? '▼' : '▲') : '↕'}
                      </span>
                    </button>
                  ) : (
                    column.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row, index) => (
            <tr key={rowKey(row, index)} class={rowClass?.(row)}>
              {columns.map((column) => (
                <td
                  key={column.key}
                  class={column.numeric ? 'numeric' : column.nowrap ? 'nowrap' : undefined}
                  data-label={labelText(column)}
                >
                  {/* One box for the value, beside its label when rows stack. */}
                  <span class="cell-value">{column.render(row)}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
