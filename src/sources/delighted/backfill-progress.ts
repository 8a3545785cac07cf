/** Progress of a backfill from its counters: percent capped below 100 until it has finished. */
export function backfillProgress(values: {
  responsesDone: number;
  estimatedTotal: number | null;
  startedAt: Date | null;
  completedAt: Date | null;
  now?: Date;
}): { percent: number; eta: Date | null } {
  if (values.completedAt) return { percent: 100, eta: null };
  const total = values.estimatedTotal;
  if (!total || total <= 0) return { percent: 0, eta: null };
  const percent = Math.min(99, (100 * values.responsesDone) / total);
  const now = values.now ?? new Date();
  if (!values.startedAt || values.responsesDone === 0) return { percent, eta: null };
  const elapsedMs = now.getTime() - values.startedAt.getTime();
  const remaining = Math.max(0, total - values.responsesDone);
  const eta = new Date(now.getTime() + (elapsedMs / values.responsesDone) * remaining);
  return { percent, eta };
}
