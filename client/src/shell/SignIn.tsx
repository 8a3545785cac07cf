import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { type SignInOptions, authPost, signInOptions } from '../sign-in-api';
import { TextField } from '../components/TextField';

/**
 * The standalone sign-in: email and password (a member), "Sign in with SSO" when the service has
 * an OpenID provider, and "Use an API key" (machines' credentials, kept for this tab only).
 */
export function SignIn({
  notice,
  showKey = false,
  onSubmit,
  onSignedIn,
}: {
  notice: string | null;
  /** Open "Use an API key" (the last attempt was a key). */
  showKey?: boolean;
  /** An API key was given. */
  onSubmit: (key: string) => void;
  /** The session cookie is set. */
  onSignedIn: () => void;
}) {
  const [options, setOptions] = useState<SignInOptions | null>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [resetSent, setResetSent] = useState<string | null>(null);

  useEffect(() => {
    void signInOptions().then(setOptions);
  }, []);

  const submit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await authPost('/auth/login', { email, password });
      onSignedIn();
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="sign-in" id="main">
      <div class="card sign-in-card">
        <h1>NPS analytics</h1>
        {(notice || problem) && (
          <p class="error-text" role="alert" data-testid="sign-in-notice">
            {problem ?? notice}
          </p>
        )}
        <form
          class="sign-in-form"
          data-testid="password-sign-in"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <TextField
            label="Email"
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onValue={setEmail}
          />
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onValue={setPassword}
          />
          <button type="submit" class="button" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        {options?.passwordResetByEmail && (
          <p class="small">
            <button
              type="button"
              class="link-button"
              onClick={() => {
                if (!email) {
                  setProblem('Type your email above first.');
                  return;
                }
                void authPost<{ message: string }>('/auth/password-reset/request', { email })
                  .then((answer) => setResetSent(answer.message))
                  .catch((error: unknown) => setProblem(String((error as Error).message)));
              }}
            >
              Forgot your password?
            </button>
            {resetSent && <span class="muted"> {resetSent}</span>}
          </p>
        )}
        {options?.sso && (
          <a class="button button-quiet sso-button" href="/auth/oidc/login" data-testid="sso">
            Sign in with SSO
          </a>
        )}
        <details class="api-key-sign-in" open={showKey}>
          <summary>Use an API key</summary>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (key.trim()) onSubmit(key.trim());
            }}
          >
            <p class="muted small">An ANALYST key or higher. It is kept for this tab only.</p>
            <TextField
              label="API key"
              name="apiKey"
              type="password"
              autoComplete="off"
              required
              value={key}
              onValue={setKey}
            />
            <button type="submit" class="button">
              Sign in with the key
            </button>
          </form>
        </details>
      </div>
    </main>
  );
}
