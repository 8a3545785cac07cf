import type { AlertDestinationKind } from '../../generated/graphql';
import {
  type DestinationDraft,
  type FieldProblem,
  MAX_DESTINATIONS,
  destinationProblems,
  isKept,
  newDestination,
  problemOf,
} from './rule-draft';

const KINDS: Array<{ value: AlertDestinationKind; label: string }> = [
  { value: 'SLACK', label: 'Slack incoming webhook' },
  { value: 'WEBHOOK', label: 'Webhook (signed)' },
  { value: 'EMAIL', label: 'Email' },
];

/**
 * Where a rule sends: one row per destination (kind, then URL or email address), rows added and
 * removed, at least one kept. The service's problems with a row (`destinations[1].url`) show on it.
 */
export function DestinationRows({
  idPrefix,
  destinations,
  problems,
  onChange,
}: {
  /** Makes the inputs' ids unique on the page. */
  idPrefix: string;
  destinations: DestinationDraft[];
  problems: readonly FieldProblem[];
  onChange: (next: DestinationDraft[]) => void;
}) {
  const update = (index: number, patch: Partial<DestinationDraft>) =>
    onChange(destinations.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const listProblem = problemOf(problems, 'destinations');
  return (
    <fieldset class="control destination-rows" data-testid="destination-rows">
      <legend>Send to</legend>
      <ol class="plain-list">
        {destinations.map((row, index) => {
          const number = index + 1;
          const email = row.kind === 'EMAIL';
          const errors = destinationProblems(problems, index);
          const errorId = `${idPrefix}-${row.key}-error`;
          const kept = isKept(row);
          return (
            <li
              key={row.key}
              class="destination-row"
              data-testid="destination-row"
              data-invalid={errors.length > 0 ? 'true' : undefined}
            >
              <label class="control">
                <span>
                  Kind<span class="visually-hidden"> of destination {number}</span>
                </span>
                <select
                  name={`destinations.${index}.kind`}
                  value={row.kind}
                  onChange={(event) =>
                    update(index, { kind: event.currentTarget.value as AlertDestinationKind })
                  }
                >
                  {KINDS.map((kind) => (
                    <option key={kind.value} value={kind.value}>
                      {kind.label}
                    </option>
                  ))}
                </select>
              </label>
              <label class="control destination-address">
                <span>
                  {email ? 'Email address' : 'URL'}
                  <span class="visually-hidden"> of destination {number}</span>
                </span>
                <input
                  name={`destinations.${index}.${email ? 'to' : 'url'}`}
                  type="text"
                  inputMode={email ? 'email' : 'url'}
                  autoComplete="off"
                  placeholder={
                    email
                      ? 'pm@example.com'
                      : row.kind === 'SLACK'
                        ? 'https://hooks.slack.com/services/…'
                        : 'https://example.com/nps-alerts'
                  }
                  value={row.address}
                  aria-invalid={errors.length > 0 ? true : undefined}
                  aria-describedby={errors.length > 0 ? errorId : undefined}
                  onInput={(event) => update(index, { address: event.currentTarget.value })}
                />
              </label>
              <button
                type="button"
                class="button button-quiet destination-remove"
                aria-label={`Remove destination ${number}`}
                disabled={destinations.length === 1}
                onClick={() => onChange(destinations.filter((_, i) => i !== index))}
              >
                Remove
              </button>
              {row.saved && row.kind === 'WEBHOOK' && (
                <span class="muted small destination-note">
                  {kept
                    ? 'Saved: keeps its signing secret.'
                    : 'Changed: gets a new signing secret when saved.'}
                </span>
              )}
              {errors.length > 0 && (
                <span id={errorId} class="error-text small destination-note">
                  {errors.join(' ')}
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {listProblem && <span class="error-text small">{listProblem}</span>}
      <div>
        <button
          type="button"
          class="button button-quiet"
          disabled={destinations.length >= MAX_DESTINATIONS}
          onClick={() => onChange([...destinations, newDestination()])}
        >
          Add destination
        </button>
      </div>
    </fieldset>
  );
}
