import { DataTable } from '../../components/DataTable';
import { formatCount, formatInterval, formatMargin, formatNps } from '../../format';
import type { EngagementTrendQuery } from '../../generated/graphql';

type Tier = NonNullable<EngagementTrendQuery['environment']>['npsTrend']['tiers'][number];

/** "0–3 events", "11+ events", "Unmatched (unknown)": how a tier is named in the view. */
export function tierName(tier: string): string {
  if (tier === 'unknown') return 'Unmatched (unknown)';
  return tier === '1' ? '1 event' : `${tier} events`;
}

/** "quartile thresholds 4, 11 (tiers 0–3, 4–10, 11+)" or "thresholds 1, 5, 20 (…)". */
export function thresholdsText(
  thresholds: readonly number[] | null | undefined,
  tiers: readonly Tier[],
  automatic: boolean,
): string {
  const labels = tiers.filter((tier) => tier.tier !== 'unknown').map((tier) => tier.tier);
  const list = (thresholds ?? []).join(', ');
  return `${automatic ? 'Automatic tiers: quartile thresholds' : 'Thresholds'} ${list} (tiers ${labels.join(', ')})`;
}

/** Each tier over the whole range: n, NPS and its 95 % adjusted-Wald interval. */
export function TierTable({ tiers }: { tiers: readonly Tier[] }) {
  return (
    <section class="card" aria-labelledby="tier-table-title" data-testid="tier-table">
      <header class="card-header">
        <div>
          <h2 id="tier-table-title">NPS per tier over the range</h2>
          <p class="card-subtitle">
            The whole range at once, counted as the trend counts; 95 % adjusted-Wald interval.
          </p>
        </div>
      </header>
      <DataTable<Tier>
        caption="NPS per engagement tier over the whole range"
        rows={[...tiers]}
        rowKey={(tier) => tier.tier}
        columns={[
          { key: 'tier', label: 'Tier', render: (tier) => tierName(tier.tier), nowrap: true },
          {
            key: 'responses',
            label: 'n',
            title: 'responses',
            numeric: true,
            render: (tier) => formatCount(tier.responses),
          },
          { key: 'nps', label: 'NPS', numeric: true, render: (tier) => formatNps(tier.nps) },
          {
            key: 'interval',
            label: '95 % interval',
            nowrap: true,
            render: (tier) => formatInterval(tier.ciLow, tier.ciHigh),
          },
          {
            key: 'margin',
            label: 'Margin',
            numeric: true,
            render: (tier) => formatMargin(tier.marginOfError),
          },
          {
            key: 'split',
            label: 'P / A / D',
            title: 'promoters, passives, detractors',
            numeric: true,
            nowrap: true,
            render: (tier) =>
              `${formatCount(tier.promoters)} / ${formatCount(tier.passives)} / ${formatCount(tier.detractors)}`,
          },
        ]}
      />
    </section>
  );
}
