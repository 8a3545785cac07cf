import { formatCount, formatDateTime, formatDuration } from '../../format';
import type { DelightedSourceStateFragment } from '../../generated/graphql';

/**
 * "5,600 of about 5,620 responses" while within the estimate (Delighted's count of NPS responses
 * when the key was connected); once past it the count stands alone and says the estimate was passed, never
 * "5,978 of about 5,620".
 */
export function loadedText(backfill: DelightedSourceStateFragment['backfill']): string {
  const done = formatCount(backfill.responsesDone);
  const estimate = backfill.estimatedTotal;
  if (estimate === null) return `${done} responses`;
  if (backfill.responsesDone <= estimate)
    return `${done} of about ${formatCount(estimate)} responses`;
  // The estimate counts NPS responses only; the backfill loads every survey type.
  return `${done} responses, more than the estimate of about ${formatCount(estimate)} NPS responses (other survey types are loaded too)`;
}

/** How far the first load of past responses has come, with its ETA while it runs. */
export function BackfillProgress({
  backfill,
  timezone,
}: {
  backfill: DelightedSourceStateFragment['backfill'];
  timezone: string;
}) {
  const percent = Math.max(0, Math.min(100, backfill.percent));
  const etaMs = backfill.eta ? Date.parse(backfill.eta) - Date.now() : null;
  return (
    <>
      <div class="progress-label" id="backfill-label">
        Backfill {backfill.completedAt ? 'complete' : 'progress'}
      </div>
      <div
        class="progress"
        role="progressbar"
        aria-labelledby="backfill-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percent)}
        aria-valuetext={`${Math.round(percent)} %`}
        data-testid="backfill-progress"
      >
        <div class="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p class="small" data-testid="backfill-text">
        <strong>{Math.round(percent)} %</strong> · {loadedText(backfill)} ·{' '}
        {formatCount(backfill.pagesDone)} pages
        {!backfill.completedAt && etaMs !== null && backfill.eta && (
          <>
            {' '}
            · about {formatDuration(Math.max(0, etaMs))} left (ETA{' '}
            {formatDateTime(backfill.eta, timezone)})
          </>
        )}
        {backfill.completedAt && ` · finished ${formatDateTime(backfill.completedAt, timezone)}`}
      </p>
    </>
  );
}
