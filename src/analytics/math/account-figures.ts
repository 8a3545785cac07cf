/**
 * Account-level figures (docs/nps-method.md, "Accounts"): the revenue-weighted NPS and the
 * revenue at risk over accounts, from each account's NPS and revenue. Pure.
 */

export interface AccountFigureInput {
  /** The account's NPS over its (deduplicated) responses; null when it has none. */
  nps: number | null;
  /** Its revenue (the largest value among its users); null when unknown. */
  revenue: number | null;
  detractors: number;
}

export interface AccountTotals {
  accounts: number;
  accountsWithDetractor: number;
  /** Σ revenue·NPS ÷ Σ revenue over accounts with responses and revenue > 0; null when none. */
  revenueWeightedNps: number | null;
  /** Σ revenue of accounts whose NPS is below 0. */
  revenueAtRisk: number;
}

export function accountTotals(accounts: readonly AccountFigureInput[]): AccountTotals {
  let weighted = 0;
  let weights = 0;
  let atRisk = 0;
  for (const account of accounts) {
    if (account.nps === null || account.revenue === null) continue;
    if (account.revenue > 0) {
      weighted += account.revenue * account.nps;
      weights += account.revenue;
    }
    if (account.nps < 0) atRisk += account.revenue;
  }
  return {
    accounts: accounts.length,
    accountsWithDetractor: accounts.filter((account) => account.detractors > 0).length,
    revenueWeightedNps: weights > 0 ? weighted / weights : null,
    revenueAtRisk: atRisk,
  };
}
