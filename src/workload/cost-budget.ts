/** What a charge against a rolling budget came to. */
export type BudgetCharge =
  | { granted: true; second: number }
  | {
      granted: false;
      /** Spent by the key over the window, before this charge. */
      spent: number;
      /** Whole seconds until enough of that spending has aged out for this charge to fit. */
      retryAfterSeconds: number;
    };

/**
 * A cost budget per key over a rolling window (60 s by default), kept per second so memory stays
 * bounded whatever the request rate. In memory: each instance keeps its own.
 */
export class RollingCostBudget {
  private readonly spending = new Map<string, Array<{ second: number; cost: number }>>();
  private lastSweep = 0;

  constructor(
    readonly limit: number,
    private readonly windowSeconds = 60,
    private readonly now: () => number = Date.now,
  ) {}

  /** Charges `cost` to `key` when it fits in what the window leaves, else says when it will. */
  charge(key: string, cost: number): BudgetCharge {
    const second = Math.floor(this.now() / 1000);
    this.sweep(second);
    const entries = this.current(key, second);
    const spent = entries.reduce((sum, entry) => sum + entry.cost, 0);
    if (spent + cost > this.limit) {
      return { granted: false, spent, retryAfterSeconds: this.wait(entries, spent, cost, second) };
    }
    const last = entries[entries.length - 1];
    if (last?.second === second) last.cost += cost;
    else entries.push({ second, cost });
    this.spending.set(key, entries);
    return { granted: true, second };
  }

  /** Gives back a granted charge whose work never ran. */
  refund(key: string, charge: { second: number }, cost: number): void {
    const entry = this.spending.get(key)?.find((candidate) => candidate.second === charge.second);
    if (entry) entry.cost = Math.max(0, entry.cost - cost);
  }

  /** Spent by `key` over the window. */
  spent(key: string): number {
    const second = Math.floor(this.now() / 1000);
    return this.current(key, second).reduce((sum, entry) => sum + entry.cost, 0);
  }

  /** The key's entries still inside the window ending at `second`. */
  private current(key: string, second: number): Array<{ second: number; cost: number }> {
    const entries = this.spending.get(key) ?? [];
    const oldest = second - this.windowSeconds + 1;
    let drop = 0;
    while (drop < entries.length && entries[drop].second < oldest) drop += 1;
    if (drop > 0) entries.splice(0, drop);
    return entries;
  }

  private wait(
    entries: ReadonlyArray<{ second: number; cost: number }>,
    spent: number,
    cost: number,
    second: number,
  ): number {
    let remaining = spent;
    for (const entry of entries) {
      remaining -= entry.cost;
      if (remaining + cost <= this.limit) return entry.second + this.windowSeconds - second;
    }
    return this.windowSeconds;
  }

  /** Forgets keys with nothing inside the window, at most once per window. */
  private sweep(second: number): void {
    if (second - this.lastSweep < this.windowSeconds) return;
    this.lastSweep = second;
    for (const key of [...this.spending.keys()]) {
      if (this.current(key, second).length === 0) this.spending.delete(key);
    }
  }

  /** Keys currently remembered (for tests of the memory bound). */
  get keys(): number {
    return this.spending.size;
  }
}
