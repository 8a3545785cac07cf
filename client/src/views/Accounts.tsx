import { ChartFrame } from '../components/ChartFrame';
import { DataTable } from '../components/DataTable';
import { Empty, ErrorNotice, Loading } from '../components/States';
import type { ViewContext } from '../context';
import { csvName } from '../csv';
import { formatCount, formatDate, formatInterval, formatNps } from '../format';
import {
  type AccountOrder,
  AccountSettingsDocument,
  AccountsDocument,
  type AccountsQuery,
} from '../generated/graphql';
import { useQuery } from '../hooks';
import { filterVariable } from '../range';
import { AccountMembers } from './accounts/AccountMembers';

type AccountRow = NonNullable<AccountsQuery['environment']>['accounts']['edges'][number]['node'];

const ORDERS: Array<[AccountOrder, string]> = [
  ['NPS_ASC', 'Lowest NPS first'],
  ['NPS_DESC', 'Highest NPS first'],
  ['RESPONSES_DESC', 'Most responses first'],
  ['REVENUE_DESC', 'Highest revenue first'],
];
const PAGE_SIZE = 25;

function formatMoney(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : Math.round(value).toLocaleString('en-US');
}

/** Accounts (B2B): NPS per account with its interval and revenue, sorted, paged, drillable. */
export function Accounts({ ctx }: { ctx: ViewContext }) {
  const { env, range, filter, settings } = ctx;
  const order = (settings.get('order') as AccountOrder | null) ?? 'NPS_ASC';
  const after = settings.get('after');
  const selected = settings.get('account');
  const from = range.from ?? '1970-01-01T00:00:00.000Z';
  const answer = useQuery(range.error || range.loading ? null : AccountsDocument, {
    env: env.id,
    from,
    to: range.to,
    filter: filterVariable(filter),
    orderBy: order,
    first: PAGE_SIZE,
    after,
  });
  const accountSettings = useQuery(ctx.mode === 'standalone' ? AccountSettingsDocument : null, {
    env: env.id,
  });
  const data = answer.data?.environment;
  if (!data) {
    return answer.error ? (
      <ErrorNotice error={answer.error} onRetry={answer.reload} />
    ) : (
      <Loading label="Loading accounts…" />
    );
  }
  const property = accountSettings.data?.environment?.accountProperty ?? null;
  const connection = data.accounts;
  const rows = connection.edges.map((edge) => edge.node);
  const summary = data.accountSummary;
  const accountTable = (
    <DataTable<AccountRow>
      caption="Accounts"
      testId="account-table"
      rows={rows}
      rowKey={(row) => row.account}
      rowClass={(row) => (row.account === selected ? 'is-selected' : undefined)}
      columns={[
        {
          key: 'account',
          label: 'Account',
          render: (row) =>
            property ? (
              <button
                type="button"
                class="link-button"
                onClick={() => ctx.setSettings({ account: row.account })}
              >
                {row.account}
              </button>
            ) : (
              row.account
            ),
        },
        { key: 'nps', label: 'NPS', numeric: true, render: (row) => formatNps(row.nps) },
        {
          key: 'ci',
          label: '95 % interval',
          nowrap: true,
          render: (row) => formatInterval(row.ciLow, row.ciHigh),
        },
        {
          key: 'responses',
          label: 'Responses',
          numeric: true,
          render: (row) => formatCount(row.responses),
        },
        {
          key: 'detractors',
          label: 'Detractors',
          numeric: true,
          render: (row) => formatCount(row.detractors),
        },
        {
          key: 'revenue',
          label: 'Revenue',
          numeric: true,
          render: (row) => formatMoney(row.revenue),
        },
        {
          key: 'latest',
          label: 'Latest',
          render: (row) => formatDate(row.latestResponseAt, ctx.controls.timezone),
        },
      ]}
    />
  );
  return (
    <>
      <div class="kpis" data-testid="account-summary">
        <section class="card kpi">
          <h2 class="kpi-label">Accounts</h2>
          <p class="kpi-value">{formatCount(summary.accounts)}</p>
          <p class="kpi-detail muted">
            {formatCount(summary.accountsWithDetractor)} with a detractor
          </p>
        </section>
        <section class="card kpi">
          <h2 class="kpi-label">Revenue-weighted NPS</h2>
          <p class="kpi-value">{formatNps(summary.revenueWeightedNps)}</p>
          <p class="kpi-detail muted">Each account's NPS weighted by its revenue.</p>
        </section>
        <section class="card kpi">
          <h2 class="kpi-label">Revenue at risk</h2>
          <p class="kpi-value">{formatMoney(summary.revenueAtRisk)}</p>
          <p class="kpi-detail muted">Revenue of accounts with NPS below 0.</p>
        </section>
      </div>
      {rows.length === 0 ? (
        <Empty title="No accounts in this range">
          {ctx.canConfigure
            ? 'Choose the user property naming accounts (setAccountProperty), or a longer range.'
            : 'An administrator chooses the user property naming accounts.'}
        </Empty>
      ) : (
        <ChartFrame
          title="Accounts"
          subtitle={`${formatCount(connection.totalCount)} accounts, each person counted once`}
          testId="accounts"
          busy={answer.loading}
          actions={
            <label class="control">
              <span>Order</span>
              <select
                value={order}
                data-testid="account-order"
                onChange={(event) =>
                  ctx.setSettings({
                    order: (event.currentTarget as HTMLSelectElement).value,
                    after: null,
                  })
                }
              >
                {ORDERS.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
          }
          chart={
            <>
              {accountTable}
              <nav class="pager" aria-label="Accounts pages">
                <button
                  type="button"
                  class="button button-quiet"
                  disabled={!after}
                  onClick={() => ctx.setSettings({ after: null })}
                >
                  ← First page
                </button>
                <button
                  type="button"
                  class="button button-quiet"
                  disabled={!connection.pageInfo.hasNextPage}
                  onClick={() => ctx.setSettings({ after: connection.pageInfo.endCursor })}
                >
                  Next →
                </button>
              </nav>
            </>
          }
          table={() => accountTable}
          csv={() => ({
            filename: csvName('nps-accounts', from.slice(0, 10), range.to.slice(0, 10)),
            header: [
              'account',
              'respondents',
              'responses',
              'promoters',
              'passives',
              'detractors',
              'nps',
              'ci_low',
              'ci_high',
              'revenue',
              'latest_response_at',
            ],
            rows: rows.map((row) => [
              row.account,
              row.respondents,
              row.responses,
              row.promoters,
              row.passives,
              row.detractors,
              row.nps,
              row.ciLow,
              row.ciHigh,
              row.revenue,
              row.latestResponseAt,
            ]),
          })}
        />
      )}
      {selected && property && (
        <AccountMembers
          ctx={ctx}
          property={property}
          account={selected}
          onClose={() => ctx.setSettings({ account: null })}
        />
      )}
    </>
  );
}
