import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { type LinkFlow as Flow, authPost } from '../sign-in-api';
import { TextField } from '../components/TextField';

const TITLES: Record<Flow['kind'], { title: string; intro: string; action: string }> = {
  setup: {
    title: 'Create the owner',
    intro: 'No one has an account yet. The owner is ADMIN of every environment.',
    action: 'Create the owner and sign in',
  },
  invitation: {
    title: 'Accept the invitation',
    intro:
      'Choose your name and a password (at least 12 characters). Already a member? Give your current password.',
    action: 'Join and sign in',
  },
  reset: {
    title: 'Choose a new password',
    intro: 'At least 12 characters. Every other session of your account ends.',
    action: 'Set the password and sign in',
  },
};

/** A one-time link opened: setup (first run), an invitation, or a password reset. */
export function LinkFlow({ flow, onSignedIn }: { flow: Flow; onSignedIn: () => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const text = TITLES[flow.kind];

  const submit = async () => {
    setBusy(true);
    setProblem(null);
    const path =
      flow.kind === 'setup'
        ? '/auth/setup'
        : flow.kind === 'invitation'
          ? '/auth/invitations/accept'
          : '/auth/password-reset';
    try {
      await authPost(path, { token: flow.token, email, name, password });
      onSignedIn();
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="sign-in" id="main">
      <form
        class="card sign-in-card"
        data-testid={`${flow.kind}-form`}
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <h1>{text.title}</h1>
        <p class="muted">{text.intro}</p>
        {problem && (
          <p class="error-text" role="alert" data-testid="link-problem">
            {problem}
          </p>
        )}
        {flow.kind === 'setup' && (
          <TextField
            label="Email"
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onValue={setEmail}
          />
        )}
        {flow.kind !== 'reset' && (
          <TextField label="Name" name="name" autoComplete="name" value={name} onValue={setName} />
        )}
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onValue={setPassword}
        />
        <button type="submit" class="button" disabled={busy}>
          {text.action}
        </button>
      </form>
    </main>
  );
}
