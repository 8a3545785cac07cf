import { DataTable } from '../../components/DataTable';
import { IntervalPlot } from '../../components/IntervalPlot';
import { formatCount, formatInterval, formatNps, formatPoints, formatShare } from '../../format';
import type { CommentThemesQuery } from '../../generated/graphql';

type Row = NonNullable<CommentThemesQuery['environment']>['themeImpact'][number];

/** Each theme's mentions, NPS with and without it, the difference's interval and its impact. */
export function ThemeTable({
  rows,
  selected,
  onSelect,
}: {
  rows: Row[];
  selected: string | null;
  onSelect: (themeId: string | null) => void;
}) {
  return (
    <section class="card" aria-labelledby="themes-title" data-testid="theme-impact">
      <header class="card-header">
        <div>
          <h2 id="themes-title">Themes</h2>
          <p class="card-subtitle">
            Impact: how many NPS points the score would change without the responses mentioning the
            theme (negative: the theme costs points). Choose a theme for its trend and comments.
          </p>
        </div>
      </header>
      <DataTable
        caption="Themes by impact"
        rows={rows}
        rowKey={(row) => row.theme.id}
        testId="theme-table"
        rowClass={(row) => (row.theme.id === selected ? 'selected' : undefined)}
        columns={[
          {
            key: 'theme',
            label: 'Theme',
            render: (row) => (
              <button
                type="button"
                class="link-button"
                aria-pressed={row.theme.id === selected}
                onClick={() => onSelect(row.theme.id === selected ? null : row.theme.id)}
              >
                {row.theme.name}
              </button>
            ),
          },
          {
            key: 'mentions',
            label: 'Mentions',
            numeric: true,
            sortValue: (row) => row.mentions,
            render: (row) => formatCount(row.mentions),
          },
          {
            key: 'share',
            label: 'Of comments',
            numeric: true,
            sortValue: (row) => row.shareOfComments,
            render: (row) => formatShare(row.shareOfComments),
          },
          {
            key: 'with',
            label: 'NPS with',
            numeric: true,
            render: (row) => formatNps(row.npsWith),
          },
          {
            key: 'without',
            label: 'NPS without',
            numeric: true,
            render: (row) => formatNps(row.npsWithout),
          },
          {
            key: 'difference',
            label: 'Difference (95 % interval)',
            title: 'Difference with its 95 % interval',
            nowrap: true,
            render: (row) => (
              <span class="interval-cell">
                <IntervalPlot
                  value={row.difference.difference}
                  low={row.difference.ciLow}
                  high={row.difference.ciHigh}
                  significant={row.difference.significant === true}
                  label={`${row.theme.name}: ${formatPoints(row.difference.difference)}, ${formatInterval(row.difference.ciLow, row.difference.ciHigh)}`}
                />{' '}
                {formatPoints(row.difference.difference)}{' '}
                <span class="muted small">
                  {formatInterval(row.difference.ciLow, row.difference.ciHigh)}
                </span>
              </span>
            ),
          },
          {
            key: 'impact',
            label: 'Impact',
            numeric: true,
            sortValue: (row) => row.impact,
            render: (row) => formatPoints(row.impact),
          },
        ]}
      />
    </section>
  );
}
