import { accountTotals } from './account-figures';

describe('accountTotals', () => {
  it('weights NPS by revenue over accounts with responses and positive revenue', () => {
    // A: NPS 50, revenue 100; B: NPS −20, revenue 300; C: NPS 10, revenue 0 (weight 0);
    // D: NPS −100, revenue unknown. Weighted: (100·50 + 300·(−20))/(100 + 300) = −1000/400 = −2.5.
    // At risk: NPS below 0 with revenue: B 300 (+ D has none, C is not below 0) = 300.
    const totals = accountTotals([
      { nps: 50, revenue: 100, detractors: 0 },
      { nps: -20, revenue: 300, detractors: 2 },
      { nps: 10, revenue: 0, detractors: 1 },
      { nps: -100, revenue: null, detractors: 1 },
    ]);
    expect(totals).toEqual({
      accounts: 4,
      accountsWithDetractor: 3,
      revenueWeightedNps: -2.5,
      revenueAtRisk: 300,
    });
  });

  it('has no weighted NPS when no account has revenue', () => {
    expect(accountTotals([{ nps: 0, revenue: null, detractors: 0 }]).revenueWeightedNps).toBeNull();
    expect(accountTotals([])).toEqual({
      accounts: 0,
      accountsWithDetractor: 0,
      revenueWeightedNps: null,
      revenueAtRisk: 0,
    });
  });
});
