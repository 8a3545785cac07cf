import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorNotice, Loading } from '../components/States';
import type { ViewContext } from '../context';
import { AlertsDocument, EvaluateAlertsDocument } from '../generated/graphql';
import { useMutation, useQuery } from '../hooks';
import { EventHistory } from './alerts/EventHistory';
import { RuleForm, type SavedRule } from './alerts/RuleForm';
import { RuleList } from './alerts/RuleList';
import { SavedNotice } from './alerts/SavedNotice';

/**
 * Alert rules with their state, a new rule with its 90-day preview, and what fired. ADMIN and
 * ARCHITECT create, edit (the form in place of the list) and delete rules; analysts only read.
 */
export function Alerts({ ctx }: { ctx: ViewContext }) {
  const { env } = ctx;
  // Polled, so deliveries are seen as they go out.
  const alerts = useQuery(AlertsDocument, { env: env.id }, { pollMs: 5000 });
  const evaluate = useMutation(EvaluateAlertsDocument);
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ rule: SavedRule; verb: 'Created' | 'Saved' } | null>(null);
  // Back from an edit, focus returns to the rule's Edit button.
  const returnTo = useRef<string | null>(null);
  useEffect(() => {
    if (editing !== null || returnTo.current === null) return;
    document.getElementById(`edit-rule-${returnTo.current}`)?.focus();
    returnTo.current = null;
  }, [editing]);
  const data = alerts.data?.environment;
  if (!data) {
    return alerts.error ? (
      <ErrorNotice error={alerts.error} onRetry={alerts.reload} />
    ) : (
      <Loading label="Loading the alerts…" />
    );
  }
  const configure = ctx.canConfigure;
  const edited = configure ? data.alertRules.find((rule) => rule.id === editing) : undefined;
  const closeEdit = () => {
    returnTo.current = editing;
    setEditing(null);
  };
  return (
    <>
      {saved && (
        <SavedNotice saved={saved.rule} verb={saved.verb} onDismiss={() => setSaved(null)} />
      )}
      {edited ? (
        <RuleForm
          key={edited.id}
          environmentId={env.id}
          timezone={env.timezone}
          filter={ctx.filter}
          rule={edited}
          onSaved={(rule) => {
            setSaved({ rule, verb: 'Saved' });
            closeEdit();
            alerts.reload();
          }}
          onCancel={closeEdit}
        />
      ) : (
        <>
          {configure && (
            <RuleForm
              key={JSON.stringify(ctx.filter)}
              environmentId={env.id}
              timezone={env.timezone}
              filter={ctx.filter}
              onSaved={(rule) => {
                setSaved({ rule, verb: 'Created' });
                alerts.reload();
              }}
            />
          )}
          <RuleList
            environmentId={env.id}
            timezone={env.timezone}
            rules={data.alertRules}
            canConfigure={configure}
            onChanged={alerts.reload}
            onEdit={(rule) => {
              setSaved(null);
              setEditing(rule.id);
            }}
          />
          {configure && (
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
        </>
      )}
      <EventHistory
        events={data.alertEvents.edges.map((edge) => edge.node)}
        total={data.alertEvents.totalCount}
        timezone={env.timezone}
      />
    </>
  );
}
