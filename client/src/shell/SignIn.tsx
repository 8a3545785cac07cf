import { useState } from 'preact/hooks';

/** The standalone sign-in form: an API key, with the reason of the last refusal or sign-out. */
export function SignIn({
  notice,
  onSubmit,
}: {
  notice: string | null;
  onSubmit: (key: string) => void;
}) {
  const [value, setValue] = useState('');
  return (
    <main class="sign-in" id="main">
      <form
        class="card sign-in-card"
        onSubmit={(event) => {
          event.preventDefault();
          if (value.trim()) onSubmit(value.trim());
        }}
      >
        <h1>NPS analytics</h1>
        <p class="muted">
          Sign in with an API key (ANALYST or higher). It is kept for this tab only.
        </p>
        {notice && (
          <p class="error-text" role="alert" data-testid="sign-in-notice">
            {notice}
          </p>
        )}
        <label class="control">
          <span>API key</span>
          <input
            name="apiKey"
            type="password"
            autoComplete="off"
            spellcheck={false}
            required
            value={value}
            onInput={(event) => setValue(event.currentTarget.value)}
          />
        </label>
        <button type="submit" class="button">
          Sign in
        </button>
      </form>
    </main>
  );
}
