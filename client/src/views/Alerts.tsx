import { ErrorNotice, Loading } from '../components/States';
import type { ViewContext } from '../context';
import { AlertsDocument, EvaluateAlertsDocument } from '../generated/graphql';
import { useMutation, useQuery } from '../hooks';
import { EventHistory } from './alerts/EventHistory';
import { RuleForm } from './alerts/RuleForm';
import { RuleList } from './alerts/RuleList';

/** Alert rules with their state, a new rule with its 90-day preview, and what fired. */
export function Alerts({ ctx }: { ctx: ViewContext }) {
  const { env } = ctx;
  // Polled, so deliveries are seen as they go out.
  const alerts = useQuery(AlertsDocument, { env: env.id }, { pollMs: 5000 });
  const evaluate = useMutation(EvaluateAlertsDocument);
  const data = alerts.data?.environment;
  if (!data) {
    return alerts.error ? (
      <ErrorNotice error={alerts.error} onRetry={alerts.reload} />
    ) : (
      <Loading label="Loading the alerts…" />
    );
  }
  return (
    <>
      {ctx.canConfigure && (
        <RuleForm
          environmentId={env.id}
          timezone={env.timezone}
          filter={ctx.filter}
          onSaved={alerts.reload}
        />
      )}
      <RuleList
        environmentId={env.id}
        timezone={env.timezone}
        rules={data.alertRules}
        canConfigure={ctx.canConfigure}
        onChanged={alerts.reload}
      />
      {ctx.canConfigure && (
        <div class="form-actions">
          <button
            type="button"
            class="button button-quiet"
            disabled={evaluate.running}
            onClick={async () => {
              if (await evaluate.run({ env: env.id })) alerts.reload();
            }}
          >
            {evaluate.running ? 'Evaluating…' : 'Evaluate now'}
          </button>
          {evaluate.data && (
            <span class="muted small" role="status">
              {evaluate.data.evaluateAlerts.length === 0
                ? 'Nothing new fired.'
                : `${evaluate.data.evaluateAlerts.length} new alert(s).`}
            </span>
          )}
        </div>
      )}
      <EventHistory
        events={data.alertEvents.edges.map((edge) => edge.node)}
        total={data.alertEvents.totalCount}
        timezone={env.timezone}
      />
    </>
  );
}
