import { useEffect, useRef, useState } from 'preact/hooks';
import {
  AlertPreviewDocument,
  CreateAlertRuleDocument,
  UpdateAlertRuleDocument,
  type AlertKind,
  type AlertRuleRowFragment,
  type CreateAlertRuleMutation,
  type UserPropertyCondition,
} from '../../generated/graphql';
import { useMutation } from '../../hooks';
import { DestinationRows } from './DestinationRows';
import { RulePreview } from './RulePreview';
import { KIND_LABELS, filterText } from './alert-text';
import {
  type NumberField,
  type RuleDraft,
  draftOfRule,
  inputOf,
  newDraft,
  problemOf,
} from './rule-draft';

/** A rule as the service answers a save: new WEBHOOK destinations carry their signing secret. */
export type SavedRule = CreateAlertRuleMutation['createAlertRule'];

/**
 * A new rule, or a saved one to change (ADMIN/ARCHITECT): its settings, its destinations, a 90-day
 * preview of what it would have fired, then save. A new rule watches the dashboard's filter; an
 * edited one keeps its own.
 */
export function RuleForm({
  environmentId,
  timezone,
  filter,
  rule,
  onSaved,
  onCancel,
}: {
  environmentId: string;
  timezone: string;
  /** The filter a new rule watches (the edited rule's own otherwise). */
  filter: UserPropertyCondition[];
  /** The rule to change; absent for a new one. */
  rule?: AlertRuleRowFragment;
  onSaved: (saved: SavedRule) => void;
  onCancel?: () => void;
}) {
  const [draft, setDraft] = useState<RuleDraft>(() =>
    rule ? draftOfRule(rule) : newDraft(filter),
  );
  const preview = useMutation(AlertPreviewDocument);
  const create = useMutation(CreateAlertRuleDocument);
  const update = useMutation(UpdateAlertRuleDocument);
  const save = rule ? update : create;
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // An edit opens in place of the list: take the reader there.
    if (rule && nameRef.current) {
      nameRef.current.focus();
      nameRef.current.scrollIntoView?.({ block: 'center' });
    }
  }, [rule?.id]);
  const set = (patch: Partial<RuleDraft>) => {
    setDraft({ ...draft, ...patch });
    preview.reset();
  };
  const change = draft.kind === 'NPS_DROP' || draft.kind === 'NPS_RISE';
  const problems = save.error?.problems ?? preview.error?.problems ?? [];
  const idPrefix = rule ? `rule-${rule.id}` : 'new-rule';
  const submit = async (event: Event) => {
    event.preventDefault();
    const input = inputOf(draft);
    const done = rule
      ? (await update.run({ env: environmentId, id: rule.id, input }))?.updateAlertRule
      : (await create.run({ env: environmentId, input }))?.createAlertRule;
    if (done) {
      if (!rule) setDraft(newDraft(filter));
      preview.reset();
      onSaved(done);
    }
  };
  const number = (key: NumberField, label: string, step = '1') => {
    const problem = problemOf(problems, key);
    const errorId = `${idPrefix}-${key}-error`;
    return (
      <label class="control">
        <span>{label}</span>
        <input
          name={key}
          type="number"
          step={step}
          value={draft[key]}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? errorId : undefined}
          onInput={(event) => set({ [key]: event.currentTarget.value })}
        />
        {problem && (
          <span id={errorId} class="error-text small">
            {problem}
          </span>
        )}
      </label>
    );
  };
  const nameProblem = problemOf(problems, 'name');
  const scheduleProblem = problemOf(problems, 'schedule');
  const error = save.error ?? preview.error;
  const shown = preview.data?.environment?.alertPreview;
  const titleId = `${idPrefix}-title`;
  return (
    <section
      class="card"
      aria-labelledby={titleId}
      data-testid={rule ? 'alert-rule-edit' : 'alert-rule-form'}
    >
      <header class="card-header">
        <div>
          <h2 id={titleId}>{rule ? `Edit “${rule.name}”` : 'New alert rule'}</h2>
          <p class="card-subtitle">
            Watches {filterText(draft.filter)}
            {rule
              ? ' (the rule’s own filter). Saving re-arms it.'
              : ' (the filter chosen on the analytics views).'}{' '}
            A change rule fires once when the change is significant, and again only after it has
            stopped holding.
          </p>
        </div>
      </header>
      <form class="alert-form" onSubmit={submit}>
        <label class="control">
          <span>Name</span>
          <input
            ref={nameRef}
            name="name"
            value={draft.name}
            required
            aria-invalid={nameProblem ? true : undefined}
            aria-describedby={nameProblem ? `${idPrefix}-name-error` : undefined}
            onInput={(event) => set({ name: event.currentTarget.value })}
          />
          {nameProblem && (
            <span id={`${idPrefix}-name-error`} class="error-text small">
              {nameProblem}
            </span>
          )}
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
              aria-invalid={scheduleProblem ? true : undefined}
              aria-describedby={scheduleProblem ? `${idPrefix}-schedule-error` : undefined}
              onInput={(event) => set({ schedule: event.currentTarget.value })}
            />
            {scheduleProblem && (
              <span id={`${idPrefix}-schedule-error`} class="error-text small">
                {scheduleProblem}
              </span>
            )}
          </label>
        )}
        <DestinationRows
          idPrefix={idPrefix}
          destinations={draft.destinations}
          problems={save.error?.problems ?? []}
          onChange={(destinations) => {
            // Rows added or removed: the last answer's row numbers no longer match them.
            if (destinations.length !== draft.destinations.length) save.reset();
            setDraft({ ...draft, destinations });
          }}
        />
        <div class="form-actions">
          <button
            type="button"
            class="button button-quiet"
            disabled={preview.running}
            onClick={() => void preview.run({ env: environmentId, input: inputOf(draft) })}
          >
            {preview.running ? 'Looking back…' : 'Preview 90 days'}
          </button>
          <button type="submit" class="button" disabled={save.running}>
            {save.running ? 'Saving…' : rule ? 'Save changes' : 'Save rule'}
          </button>
          {onCancel && (
            <button type="button" class="button button-quiet" onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
      </form>
      {error && (
        <div role="alert" class="error-text" data-testid="rule-form-errors">
          <p>{error.message}</p>
        </div>
      )}
      {shown && <RulePreview preview={shown} timezone={timezone} />}
    </section>
  );
}
