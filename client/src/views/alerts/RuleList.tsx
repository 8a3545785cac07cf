import { useState } from 'preact/hooks';
import { DataTable } from '../../components/DataTable';
import { formatDateTime } from '../../format';
import {
  DeleteAlertRuleDocument,
  SendTestAlertDocument,
  type AlertRuleRowFragment,
} from '../../generated/graphql';
import { useMutation } from '../../hooks';
import { KIND_LABELS, ruleSummary } from './alert-text';

/** The rules with their state; ADMIN/ARCHITECT may test a destination, edit or delete a rule. */
export function RuleList({
  environmentId,
  timezone,
  rules,
  canConfigure,
  onChanged,
  onEdit,
}: {
  environmentId: string;
  timezone: string;
  rules: AlertRuleRowFragment[];
  canConfigure: boolean;
  onChanged: () => void;
  onEdit: (rule: AlertRuleRowFragment) => void;
}) {
  const test = useMutation(SendTestAlertDocument);
  const remove = useMutation(DeleteAlertRuleDocument);
  const [tested, setTested] = useState<string | null>(null);
  // The rule whose Delete waits for a second press (in the page: no blocking dialog).
  const [confirming, setConfirming] = useState<string | null>(null);
  const result = test.data?.sendTestAlert;
  return (
    <section class="card" aria-labelledby="rules-title" data-testid="alert-rules">
      <header class="card-header">
        <div>
          <h2 id="rules-title" tabIndex={-1}>
            Rules
          </h2>
          <p class="card-subtitle">
            Armed: the next evaluation where its condition holds fires. Firing: it held last time
            and has fired once.
          </p>
        </div>
      </header>
      {rules.length === 0 ? (
        <p class="muted">No alert rules yet.</p>
      ) : (
        <DataTable<AlertRuleRowFragment>
          caption="Alert rules"
          rows={rules}
          rowKey={(rule) => rule.id}
          testId="alert-rules-table"
          columns={[
            { key: 'name', label: 'Rule', render: (rule) => <strong>{rule.name}</strong> },
            { key: 'kind', label: 'Kind', nowrap: true, render: (rule) => KIND_LABELS[rule.kind] },
            {
              key: 'state',
              label: 'State',
              render: (rule) =>
                rule.kind === 'NPS_DROP' || rule.kind === 'NPS_RISE' ? (
                  <span
                    class={`status-badge ${rule.state === 'FIRING' ? 'status-error' : 'status-connected'}`}
                    data-testid="rule-state"
                  >
                    {rule.state === 'FIRING' ? 'Firing' : 'Armed'}
                  </span>
                ) : rule.kind === 'DIGEST' && rule.nextDigestAt ? (
                  <span class="muted small">
                    next {formatDateTime(rule.nextDigestAt, timezone)}
                  </span>
                ) : (
                  <span class="status-badge status-connected">Armed</span>
                ),
            },
            {
              key: 'what',
              label: 'Watches',
              render: (rule) => <span class="small">{ruleSummary(rule)}</span>,
            },
            {
              key: 'destinations',
              label: 'Sends to',
              render: (rule) => (
                <ul class="plain-list">
                  {rule.destinations.map((destination) => (
                    <li key={destination.id}>
                      <span class="badge">{destination.kind}</span>{' '}
                      <span class="small">{destination.to ?? destination.url}</span>{' '}
                      {canConfigure && (
                        <button
                          type="button"
                          class="link-button"
                          aria-label={`Send test to ${destination.to ?? destination.url}`}
                          disabled={test.running}
                          onClick={() => {
                            setTested(destination.id);
                            void test.run({ env: environmentId, id: destination.id });
                          }}
                        >
                          Send test
                        </button>
                      )}
                      {tested === destination.id && result && (
                        <span
                          class={result.delivered ? 'success-text small' : 'error-text small'}
                          role="status"
                          data-testid="test-result"
                        >
                          {' '}
                          {result.delivered ? 'Delivered.' : `Not delivered: ${result.error}`}
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
              ),
            },
            ...(canConfigure
              ? [
                  {
                    key: 'actions',
                    label: '',
                    title: 'Change',
                    render: (rule: AlertRuleRowFragment) =>
                      confirming === rule.id ? (
                        <span
                          class="confirm"
                          role="group"
                          aria-label={`Confirm deleting ${rule.name}`}
                          data-testid="confirm-delete"
                        >
                          Delete it with its history?{' '}
                          <button
                            type="button"
                            class="button button-danger"
                            disabled={remove.running}
                            onClick={async () => {
                              if (await remove.run({ env: environmentId, id: rule.id })) {
                                setConfirming(null);
                                onChanged();
                                // Its row goes: keep the keyboard in the list.
                                document.getElementById('rules-title')?.focus();
                              }
                            }}
                          >
                            {remove.running ? 'Deleting…' : 'Delete'}
                          </button>{' '}
                          <button
                            type="button"
                            class="button button-quiet"
                            onClick={() => setConfirming(null)}
                          >
                            Cancel
                          </button>
                        </span>
                      ) : (
                        <span class="row-actions">
                          <button
                            type="button"
                            id={`edit-rule-${rule.id}`}
                            class="link-button"
                            aria-label={`Edit ${rule.name}`}
                            onClick={() => onEdit(rule)}
                          >
                            Edit
                          </button>
                          <button
                            type="button"
                            class="link-button"
                            aria-label={`Delete ${rule.name}…`}
                            onClick={() => {
                              remove.reset();
                              setConfirming(rule.id);
                            }}
                          >
                            Delete…
                          </button>
                        </span>
                      ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {(test.error ?? remove.error) && (
        <p class="error-text" role="alert">
          {(test.error ?? remove.error)!.message}
        </p>
      )}
    </section>
  );
}
