import { DataTable } from '../../components/DataTable';
import { formatDateTime, formatInterval, formatPoints } from '../../format';
import type { AlertEventRowFragment } from '../../generated/graphql';
import { KIND_LABELS, inAppLink, windowText } from './alert-text';

const STATUS_CLASS: Record<string, string> = {
  DELIVERED: 'status-connected',
  FAILED: 'status-error',
  PENDING: 'status-waiting_for_data',
};

/** What fired, with its figures and where each delivery stands. */
export function EventHistory({
  events,
  total,
  timezone,
}: {
  events: AlertEventRowFragment[];
  total: number;
  timezone: string;
}) {
  return (
    <section class="card" aria-labelledby="events-title" data-testid="alert-events">
      <header class="card-header">
        <div>
          <h2 id="events-title">History</h2>
          <p class="card-subtitle">
            {total === 0
              ? 'Nothing has fired yet.'
              : `The latest ${events.length} of ${total} alerts, newest first.`}
          </p>
        </div>
      </header>
      {events.length > 0 && (
        <DataTable<AlertEventRowFragment>
          caption="Alert history"
          rows={events}
          rowKey={(event) => event.id}
          testId="alert-events-table"
          columns={[
            {
              key: 'firedAt',
              label: 'Fired',
              nowrap: true,
              render: (event) => formatDateTime(event.firedAt, timezone),
            },
            {
              key: 'rule',
              label: 'Rule',
              render: (event) => (
                <>
                  <strong>{event.ruleName}</strong>
                  <br />
                  <span class="muted small">{KIND_LABELS[event.kind]}</span>
                </>
              ),
            },
            {
              key: 'figures',
              label: 'Figures',
              render: (event) =>
                event.change ? (
                  <span class="small">
                    {formatPoints(event.change.difference)} points (
                    {formatInterval(event.change.ciLow, event.change.ciHigh)}
                    {event.change.significant ? ', significant' : ''}): {windowText(event.current)}{' '}
                    vs {windowText(event.baseline)}.{' '}
                    {(event.kind === 'NPS_DROP' || event.kind === 'NPS_RISE') && (
                      <a href={inAppLink(event.dashboardUrl)} data-testid="trend-link">
                        Show on the trend
                      </a>
                    )}
                  </span>
                ) : event.response ? (
                  <span class="small">
                    Score {event.response.score} from{' '}
                    {event.response.email ?? 'an unknown respondent'}
                    {event.response.comment ? `: “${event.response.comment}”` : ''}
                  </span>
                ) : (
                  '—'
                ),
            },
            {
              key: 'deliveries',
              label: 'Deliveries',
              render: (event) => (
                <ul class="plain-list">
                  {event.deliveries.map((delivery) => (
                    <li key={delivery.destinationId} data-testid="delivery">
                      <span class={`status-badge ${STATUS_CLASS[delivery.status] ?? ''}`}>
                        {delivery.status.toLowerCase()}
                      </span>{' '}
                      <span class="small">
                        {delivery.kind} {delivery.destination}, {delivery.attempts} attempt
                        {delivery.attempts === 1 ? '' : 's'}
                        {delivery.lastError ? ` — ${delivery.lastError}` : ''}
                      </span>
                    </li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
