import { useMemo, useState } from 'preact/hooks';
import { PropertySampleDocument, SetEmailPropertyDocument } from '../../generated/graphql';
import { useMutation, useQuery } from '../../hooks';
import { Step } from './Step';

/** Step 1: which user property holds the email that responses are matched by (set once). */
export function EmailPropertyStep({
  environmentId,
  emailProperty,
  onSaved,
}: {
  environmentId: string;
  emailProperty: string | null;
  onSaved: () => void;
}) {
  const sample = useQuery(PropertySampleDocument, { env: environmentId });
  const setEmail = useMutation(SetEmailPropertyDocument);
  const [property, setProperty] = useState('');

  // Names seen on a sample of users, email-like ones first.
  const properties = useMemo(() => {
    const names = new Set<string>(['identity']);
    for (const edge of sample.data?.environment?.users.edges ?? [])
      for (const name of Object.keys(edge.node.properties ?? {})) names.add(name);
    return [...names].sort(
      (a, b) => Number(/mail/i.test(b)) - Number(/mail/i.test(a)) || a.localeCompare(b),
    );
  }, [sample.data]);

  const save = async (event: Event) => {
    event.preventDefault();
    if (!property.trim()) return;
    if (await setEmail.run({ env: environmentId, property: property.trim() })) onSaved();
  };

  const done = emailProperty !== null;
  return (
    <Step number={1} title="Email property" state={done ? 'done' : 'current'}>
      {done ? (
        <p data-testid="email-property">
          Responses join users whose <code>{emailProperty}</code> equals the respondent's email.
          This is set once and cannot change.
        </p>
      ) : (
        <form class="inline-form" onSubmit={save}>
          <p class="muted">
            Which user property holds the email address? Choose <code>identity</code> if the
            identity you send to /api/track is the email. It cannot be changed later.
          </p>
          <label class="control">
            <span>User property</span>
            <input
              name="emailProperty"
              list="email-property-suggestions"
              value={property}
              autoComplete="off"
              required
              onInput={(event) => setProperty(event.currentTarget.value)}
            />
          </label>
          <datalist id="email-property-suggestions">
            {properties.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          <button type="submit" class="button" disabled={setEmail.running}>
            {setEmail.running ? 'Saving…' : 'Save email property'}
          </button>
          {setEmail.error && (
            <p class="error-text" role="alert">
              {setEmail.error.message}
            </p>
          )}
        </form>
      )}
    </Step>
  );
}
