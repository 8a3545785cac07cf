import { useState } from 'preact/hooks';
import { formatDateTime, formatPoints } from '../../format';
import {
  AlertPreviewDocument,
  CreateAlertRuleDocument,
  type AlertDestinationKind,
  type AlertKind,
  type AlertRuleInput,
  type UserPropertyCondition,
} from '../../generated/graphql';
import { useMutation } from '../../hooks';
import { KIND_LABELS, windowText } from './alert-text';

interface Draft {
  name: string;
  kind: AlertKind;
  windowDays: string;
  baselineDays: string;
  minResponses: string;
  minChangePoints: string;
  confidence: string;
  commentRequired: boolean;
  schedule: string;
  destinationKind: AlertDestinationKind;
  address: string;
}

const INITIAL: Draft = {
  name: '',
  kind: 'NPS_DROP',
  windowDays: '7',
  baselineDays: '28',
  minResponses: '30',
  minChangePoints: '5',
  confidence: '0.95',
  commentRequired: false,
  schedule: '',
  destinationKind: 'SLACK',
  address: '',
};

/** The rule the form describes; the dashboard's filter is the rule's filter. */
function inputOf(draft: Draft, filter: UserPropertyCondition[]): AlertRuleInput {
  return {
    name: draft.name,
    kind: draft.kind,
    filter: filter.length > 0 ? { conditions: filter } : null,
    windowDays: Number(draft.windowDays),
    baselineDays: Number(draft.baselineDays),
    minResponses: Number(draft.minResponses),
    minChangePoints: Number(draft.minChangePoints),
    confidence: Number(draft.confidence),
    commentRequired: draft.commentRequired,
    schedule: draft.kind === 'DIGEST' && draft.schedule.trim() ? draft.schedule.trim() : null,
    destinations: draft.address.trim()
      ? [
          draft.destinationKind === 'EMAIL'
            ? { kind: 'EMAIL', to: draft.address.trim() }
            : { kind: draft.destinationKind, url: draft.address.trim() },
        ]
      : [],
  };
}

/** New rule (ADMIN/ARCHITECT): its settings, one destination, a 90-day preview, then save. */
export function RuleForm({
  environmentId,
  timezone,
  filter,
  onSaved,
}: {
  environmentId: string;
  timezone: string;
  filter: UserPropertyCondition[];
  onSaved: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(INITIAL);
  const preview = useMutation(AlertPreviewDocument);
  const create = useMutation(CreateAlertRuleDocument);
  const set = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    preview.reset();
  };
  const change = draft.kind === 'NPS_DROP' || draft.kind === 'NPS_RISE';
  const problems = create.error?.problems ?? preview.error?.problems ?? [];
  const problemOf = (field: string) => problems.find((problem) => problem.field === field)?.message;
  const save = async (event: Event) => {
    event.preventDefault();
    const done = await create.run({ env: environmentId, input: inputOf(draft, filter) });
    if (done) {
      setDraft(INITIAL);
      preview.reset();
      onSaved();
    }
  };
  const number = (key: keyof Draft, label: string, step = '1') => (
    <label class="control">
      <span>{label}</span>
      <input
        name={key}
        type="number"
        step={step}
        value={String(draft[key])}
        aria-invalid={problemOf(key) ? true : undefined}
        onInput={(event) => set({ [key]: event.currentTarget.value })}
      />
      {problemOf(key) && <span class="error-text small">{problemOf(key)}</span>}
    </label>
  );
  const shown = preview.data?.environment?.alertPreview;
  const secret = create.data?.createAlertRule.destinations.find(
    (d) => d.signingSecret,
  )?.signingSecret;
  return (
    <section class="card" aria-labelledby="rule-form-title" data-testid="alert-rule-form">
      <header class="card-header">
        <div>
          <h2 id="rule-form-title">New alert rule</h2>
          <p class="card-subtitle">
            Over the filter above. A change rule fires once when the change is significant, and
            again only after it has stopped holding.
          </p>
        </div>
      </header>
      <form class="alert-form" onSubmit={save}>
        <label class="control">
          <span>Name</span>
          <input
            name="name"
            value={draft.name}
            required
            onInput={(event) => set({ name: event.currentTarget.value })}
          />
        </label>
        <label class="control">
          <span>Kind</span>
          <select
            name="kind"
            value={draft.kind}
            onChange={(event) => set({ kind: event.currentTarget.value as AlertKind })}
          >
            {(Object.keys(KIND_LABELS) as AlertKind[]).map((kind) => (
              <option key={kind} value={kind}>
                {KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        </label>
        {change && number('windowDays', 'Current window (days)')}
        {change && number('baselineDays', 'Baseline (days)')}
        {change && number('minResponses', 'Responses needed in each')}
        {change && number('minChangePoints', 'Smallest change (points)', '0.5')}
        {change && number('confidence', 'Confidence', '0.01')}
        {draft.kind === 'DETRACTOR_RESPONSE' && (
          <label class="control control-check">
            <input
              type="checkbox"
              name="commentRequired"
              checked={draft.commentRequired}
              onChange={(event) => set({ commentRequired: event.currentTarget.checked })}
            />
            <span>Only responses with a comment</span>
          </label>
        )}
        {draft.kind === 'DIGEST' && (
          <label class="control">
            <span>Schedule (cron, {timezone})</span>
            <input
              name="schedule"
              placeholder="0 9 * * 1"
              value={draft.schedule}
              onInput={(event) => set({ schedule: event.currentTarget.value })}
            />
          </label>
        )}
        <label class="control">
          <span>Send to</span>
          <select
            name="destinationKind"
            value={draft.destinationKind}
            onChange={(event) =>
              set({ destinationKind: event.currentTarget.value as AlertDestinationKind })
            }
          >
            <option value="SLACK">Slack incoming webhook</option>
            <option value="WEBHOOK">Webhook (signed)</option>
            <option value="EMAIL">Email</option>
          </select>
        </label>
        <label class="control control-wide">
          <span>{draft.destinationKind === 'EMAIL' ? 'Email address' : 'URL'}</span>
          <input
            name="address"
            type="text"
            inputMode={draft.destinationKind === 'EMAIL' ? 'email' : 'url'}
            placeholder={
              draft.destinationKind === 'EMAIL'
                ? 'pm@example.com'
                : 'https://hooks.slack.com/services/…'
            }
            value={draft.address}
            aria-invalid={problems.some((p) => p.field?.startsWith('destinations')) || undefined}
            onInput={(event) => set({ address: event.currentTarget.value })}
          />
        </label>
        <div class="form-actions">
          <button
            type="button"
            class="button button-quiet"
            disabled={preview.running}
            onClick={() => void preview.run({ env: environmentId, input: inputOf(draft, filter) })}
          >
            {preview.running ? 'Looking back…' : 'Preview 90 days'}
          </button>
          <button type="submit" class="button" disabled={create.running}>
            {create.running ? 'Saving…' : 'Save rule'}
          </button>
        </div>
      </form>
      {(create.error ?? preview.error) && (
        <div role="alert" class="error-text" data-testid="rule-form-errors">
          <p>{(create.error ?? preview.error)!.message}</p>
        </div>
      )}
      {shown && (
        <div class="alert-preview" role="status" data-testid="alert-preview">
          <p>
            <strong>
              {shown.alerts === 0
                ? 'Would not have fired'
                : `Would have sent ${shown.alerts} alert${shown.alerts === 1 ? '' : 's'}`}
            </strong>{' '}
            in the last 90 days ({shown.evaluations} daily evaluations).
          </p>
          {shown.firings.length > 0 && (
            <ul class="plain-list">
              {shown.firings.map((firing) => (
                <li key={firing.at}>
                  {formatDateTime(firing.at, timezone)}: {formatPoints(firing.change.difference)}{' '}
                  points — {windowText(firing.current)} vs {windowText(firing.baseline)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {secret && (
        <p class="success-text" role="status" data-testid="signing-secret">
          Saved. The webhook signing secret, shown only now: <code>{secret}</code>
        </p>
      )}
    </section>
  );
}
