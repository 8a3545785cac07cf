import { formatCount, formatDateTime, formatDuration } from '../../format';
import type { DelightedSourceStateFragment } from '../../generated/graphql';

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
        <strong>{Math.round(percent)} %</strong> · {formatCount(backfill.responsesDone)}
        {backfill.estimatedTotal !== null
          ? ` of about ${formatCount(backfill.estimatedTotal)}`
          : ''}{' '}
        responses · {formatCount(backfill.pagesDone)} pages
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
