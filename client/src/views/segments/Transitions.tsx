import { DataTable } from '../../components/DataTable';
import { ErrorNotice, Loading } from '../../components/States';
import type { ViewContext } from '../../context';
import { formatCount, formatDate, formatShare } from '../../format';
import { TransitionsDocument } from '../../generated/graphql';
import { useQuery } from '../../hooks';
import { SEGMENT_LABELS } from '../../palette';
import { filterVariable } from '../../range';

const ORDER = ['PROMOTER', 'PASSIVE', 'DETRACTOR'] as const;

/** The 3×3 matrix of consecutive responses and the promoters who became detractors. */
export function Transitions({ ctx }: { ctx: ViewContext }) {
  const { env, range, filter, controls } = ctx;
  const from = range.from ?? '1970-01-01T00:00:00.000Z';
  const answer = useQuery(range.error || range.loading ? null : TransitionsDocument, {
    env: env.id,
    from,
    to: range.to,
    filter: filterVariable(filter),
  });
  const data = answer.data?.environment?.segmentTransitions;
  return (
    <section class="card" aria-labelledby="transitions-title" data-testid="transitions">
      <h2 id="transitions-title">How respondents moved</h2>
      {!data ? (
        answer.error ? (
          <ErrorNotice error={answer.error} onRetry={answer.reload} />
        ) : (
          <Loading label="Loading transitions…" />
        )
      ) : (
        <>
          <p class="muted">
            {formatCount(data.pairs)} consecutive pairs of responses from{' '}
            {formatCount(data.respondents)} respondents who answered more than once in the range.
          </p>
          <div class="table-scroll" tabIndex={0} role="region" aria-label="Transition matrix">
            <table class="data-table transition-matrix" data-testid="transition-matrix">
              <thead>
                <tr>
                  <th scope="col">From ↓ / to →</th>
                  {ORDER.map((to) => (
                    <th key={to} scope="col" class="numeric">
                      {SEGMENT_LABELS[to]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {ORDER.map((from) => (
                  <tr key={from}>
                    <th scope="row">{SEGMENT_LABELS[from]}</th>
                    {ORDER.map((to) => {
                      const cell = data.cells.find((c) => c.from === from && c.to === to);
                      return (
                        <td key={to} class="numeric">
                          {formatCount(cell?.count ?? 0)}{' '}
                          <span class="muted">({formatShare(cell?.share ?? null)})</span>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>Promoters who became detractors</h3>
          {data.pairsOf.length === 0 ? (
            <p class="muted">None in this range.</p>
          ) : (
            <DataTable
              caption="Promoters who became detractors, latest first"
              testId="promoters-to-detractors"
              rows={data.pairsOf}
              rowKey={(pair, index) => `${pair.personId ?? pair.email ?? ''}-${index}`}
              columns={[
                {
                  key: 'who',
                  label: 'Respondent',
                  render: (p) => p.user?.identity ?? p.email ?? p.personId ?? '—',
                },
                {
                  key: 'before',
                  label: 'Before',
                  numeric: true,
                  render: (p) => String(p.previousScore),
                },
                { key: 'after', label: 'After', numeric: true, render: (p) => String(p.score) },
                {
                  key: 'when',
                  label: 'When',
                  render: (p) => formatDate(p.respondedAt, controls.timezone),
                },
                { key: 'comment', label: 'Comment', render: (p) => p.comment ?? '' },
              ]}
            />
          )}
        </>
      )}
    </section>
  );
}
