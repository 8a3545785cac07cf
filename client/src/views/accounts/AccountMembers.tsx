import { DataTable } from '../../components/DataTable';
import { ErrorNotice, Loading } from '../../components/States';
import type { ViewContext } from '../../context';
import { formatDate } from '../../format';
import { type NpsSegment, SegmentMembersDocument } from '../../generated/graphql';
import { useQuery } from '../../hooks';

/** The respondents of one account: segment members with the account condition (README). */
export function AccountMembers({
  ctx,
  property,
  account,
  onClose,
}: {
  ctx: ViewContext;
  property: string;
  account: string;
  onClose: () => void;
}) {
  const segment = (ctx.settings.get('accountSegment') as NpsSegment | null) ?? 'DETRACTOR';
  const members = useQuery(SegmentMembersDocument, {
    env: ctx.env.id,
    segment,
    asOf: ctx.range.to,
    filter: { conditions: [...ctx.filter, { property, equals: account }] },
    first: 50,
  });
  const connection = members.data?.environment?.segmentMembers;
  return (
    <section class="card" aria-labelledby="account-members" data-testid="account-members">
      <h2 id="account-members">Respondents of {account}</h2>
      <p>
        <label class="control">
          <span>Segment</span>
          <select
            value={segment}
            onChange={(event) =>
              ctx.setSettings({ accountSegment: (event.currentTarget as HTMLSelectElement).value })
            }
          >
            <option value={'DETRACTOR'}>Detractors</option>
            <option value={'PASSIVE'}>Passives</option>
            <option value={'PROMOTER'}>Promoters</option>
          </select>
        </label>{' '}
        <button type="button" class="button button-quiet" onClick={onClose}>
          Close
        </button>
      </p>
      {!connection ? (
        members.error ? (
          <ErrorNotice error={members.error} onRetry={members.reload} />
        ) : (
          <Loading />
        )
      ) : (
        <DataTable
          caption={`Respondents of ${account} by their latest response`}
          rows={connection.edges.map((edge) => edge.node)}
          rowKey={(node, index) => `${node.personId ?? node.email ?? ''}-${index}`}
          columns={[
            { key: 'who', label: 'Respondent', render: (n) => n.user?.identity ?? n.email ?? '—' },
            { key: 'score', label: 'Score', numeric: true, render: (n) => String(n.score) },
            {
              key: 'when',
              label: 'When',
              render: (n) => formatDate(n.respondedAt, ctx.controls.timezone),
            },
            { key: 'comment', label: 'Comment', render: (n) => n.comment ?? '' },
          ]}
        />
      )}
    </section>
  );
}
