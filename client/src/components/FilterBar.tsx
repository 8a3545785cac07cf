import { useMemo, useState } from 'preact/hooks';
import { useQuery } from '../hooks';
import { PropertySampleDocument, type UserPropertyCondition } from '../generated/graphql';

export function describeCondition(condition: UserPropertyCondition): string {
  if (condition.exists !== undefined && condition.exists !== null)
    return `${condition.property} ${condition.exists ? 'is set' : 'is not set'}`;
  if (condition.in) return `${condition.property} is one of ${condition.in.join(', ')}`;
  return `${condition.property} = ${condition.equals ?? ''}`;
}

type Operator = 'equals' | 'in' | 'exists' | 'missing';

/**
 * User-property filter (ANDed conditions). Embed links show their locked conditions read-only and
 * offer no editing; the server applies them to every figure regardless.
 */
export function FilterBar({
  conditions,
  onChange,
  locked = [],
  editable,
  environmentId,
}: {
  conditions: UserPropertyCondition[];
  onChange: (next: UserPropertyCondition[]) => void;
  locked?: UserPropertyCondition[];
  editable: boolean;
  environmentId: string;
}) {
  const [open, setOpen] = useState(false);
  // Property names seen on a sample of users, as suggestions (asked only once the form opens).
  const sample = useQuery(editable && open ? PropertySampleDocument : null, {
    env: environmentId,
  });
  const suggestions = useMemo(() => {
    const names = new Set<string>();
    for (const edge of sample.data?.environment?.users.edges ?? [])
      for (const name of Object.keys(edge.node.properties ?? {})) names.add(name);
    return [...names].sort();
  }, [sample.data]);
  const [property, setProperty] = useState('');
  const [operator, setOperator] = useState<Operator>('equals');
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  if (!editable && locked.length === 0) return null;

  const add = (event: Event) => {
    event.preventDefault();
    const name = property.trim();
    if (!name) return setProblem('Name the user property, e.g. plan.');
    let condition: UserPropertyCondition;
    if (operator === 'exists' || operator === 'missing') {
      condition = { property: name, exists: operator === 'exists' };
    } else if (operator === 'in') {
      const values = value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
      if (values.length === 0) return setProblem('Give one or more values, separated by commas.');
      condition = { property: name, in: values };
    } else {
      if (!value.trim()) return setProblem('Give the value to match.');
      condition = { property: name, equals: value.trim() };
    }
    setProblem(null);
    onChange([...conditions, condition]);
    setProperty('');
    setValue('');
    setOpen(false);
  };

  return (
    <div class="filter-bar" role="group" aria-label="User property filter">
      <span class="filter-title">Filter</span>
      {locked.map((condition, index) => (
        <span key={`l${index}`} class="chip chip-locked" data-testid="locked-filter">
          <svg class="lock-icon" viewBox="0 0 12 14" width="11" height="13" aria-hidden="true">
            <rect x="1" y="6" width="10" height="7.5" rx="1.5" fill="currentColor" />
            <path
              d="M3.3 6V4.2a2.7 2.7 0 0 1 5.4 0V6"
              fill="none"
              stroke="currentColor"
              stroke-width="1.6"
            />
          </svg>
          {describeCondition(condition)}
          <span class="visually-hidden"> (locked by the embed link)</span>
        </span>
      ))}
      {conditions.map((condition, index) => (
        <span key={`c${index}`} class="chip" data-testid="filter-chip">
          {describeCondition(condition)}
          {editable && (
            <button
              type="button"
              class="chip-remove"
              aria-label={`Remove filter ${describeCondition(condition)}`}
              onClick={() => onChange(conditions.filter((_, i) => i !== index))}
            >
              ×
            </button>
          )}
        </span>
      ))}
      {editable && conditions.length === 0 && locked.length === 0 && !open && (
        <span class="muted small">All users</span>
      )}
      {editable && !open && (
        <button type="button" class="button button-quiet" onClick={() => setOpen(true)}>
          + Add condition
        </button>
      )}
      {editable && open && (
        <form class="filter-form" onSubmit={add}>
          <label>
            <span>Property</span>
            <input
              name="filterProperty"
              list="property-suggestions"
              value={property}
              autoComplete="off"
              onInput={(event) => setProperty(event.currentTarget.value)}
            />
          </label>
          <datalist id="property-suggestions">
            {suggestions.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          <div>
            <label for="ctl-filterOperator">Condition</label>
            <select
              id="ctl-filterOperator"
              name="filterOperator"
              value={operator}
              onChange={(event) => setOperator(event.currentTarget.value as Operator)}
            >
              <option value="equals">equals</option>
              <option value="in">is one of</option>
              <option value="exists">is set</option>
              <option value="missing">is not set</option>
            </select>
          </div>
          {(operator === 'equals' || operator === 'in') && (
            <label>
              <span>{operator === 'in' ? 'Values (comma-separated)' : 'Value'}</span>
              <input
                name="filterValue"
                value={value}
                onInput={(event) => setValue(event.currentTarget.value)}
              />
            </label>
          )}
          <button type="submit" class="button">
            Apply
          </button>
          <button type="button" class="button button-quiet" onClick={() => setOpen(false)}>
            Cancel
          </button>
          {problem && (
            <p class="error-text" role="alert">
              {problem}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
