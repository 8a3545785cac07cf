import { RollingCostBudget } from './cost-budget';

function clock(start = 1_000_000_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('RollingCostBudget', () => {
  it('grants charges until the window sum would pass the limit, per key', () => {
    const time = clock();
    const budget = new RollingCostBudget(100, 60, time.now);
    expect(budget.charge('a', 60).granted).toBe(true);
    expect(budget.charge('a', 40).granted).toBe(true);
    const refused = budget.charge('a', 1);
    expect(refused).toEqual({ granted: false, spent: 100, retryAfterSeconds: 60 });
    expect(budget.charge('b', 100).granted).toBe(true);
  });

  it('says when enough of the spending has aged out, and grants it then', () => {
    const time = clock();
    const budget = new RollingCostBudget(100, 60, time.now);
    budget.charge('a', 30);
    time.advance(10_000);
    budget.charge('a', 50);
    time.advance(5_000);
    // 80 spent; 40 more fits once the first 30 leave, 45 s from now.
    const refused = budget.charge('a', 40);
    expect(refused).toEqual({ granted: false, spent: 80, retryAfterSeconds: 45 });
    time.advance(44_000);
    expect(budget.charge('a', 40).granted).toBe(false);
    time.advance(1_000);
    expect(budget.charge('a', 40).granted).toBe(true);
    expect(budget.spent('a')).toBe(90);
  });

  it('frees everything a full window after the last charge', () => {
    const time = clock();
    const budget = new RollingCostBudget(10, 60, time.now);
    budget.charge('a', 10);
    time.advance(59_999);
    expect(budget.charge('a', 1).granted).toBe(false);
    time.advance(1);
    expect(budget.charge('a', 10).granted).toBe(true);
  });

  it('refunds a charge whose work never ran', () => {
    const time = clock();
    const budget = new RollingCostBudget(100, 60, time.now);
    const charge = budget.charge('a', 70);
    if (!charge.granted) throw new Error('expected a grant');
    budget.refund('a', charge, 70);
    expect(budget.spent('a')).toBe(0);
    expect(budget.charge('a', 100).granted).toBe(true);
  });

  it('keeps one entry per key and second, and forgets idle keys', () => {
    const time = clock();
    const budget = new RollingCostBudget(1_000_000, 60, time.now);
    for (let index = 0; index < 10_000; index += 1) budget.charge('a', 1);
    expect(budget.spent('a')).toBe(10_000);
    for (let index = 0; index < 500; index += 1) budget.charge(`key-${index}`, 1);
    expect(budget.keys).toBe(501);
    time.advance(120_000);
    budget.charge('late', 1);
    expect(budget.keys).toBe(1);
  });
});
