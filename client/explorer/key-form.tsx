/** @jsxImportSource react */
import { useState } from 'react';

/** Asks for the API key the explorer sends; says what to paste and where it is kept. */
export function KeyForm({
  notice,
  onSubmit,
}: {
  notice: string | null;
  onSubmit: (key: string) => void;
}) {
  const [value, setValue] = useState('');
  return (
    <main className="graphiql-container explorer-gate">
      <form
        className="explorer-card"
        onSubmit={(event) => {
          event.preventDefault();
          if (value.trim()) onSubmit(value.trim());
        }}
      >
        <h1>GraphQL explorer</h1>
        <p>
          Paste an API key of this service (ANALYST or higher reads analytics; ADMIN manages keys).
          Create one with <code>npm run api-key:create -- --role ANALYST --name explorer</code> or
          ask an ADMIN. It is sent as <code>Authorization: Bearer …</code> and kept for this tab
          only.
        </p>
        {notice && (
          <p className="explorer-notice" role="alert" data-testid="explorer-notice">
            {notice}
          </p>
        )}
        <label>
          <span>API key</span>
          <input
            name="apiKey"
            type="password"
            autoComplete="off"
            spellCheck={false}
            required
            value={value}
            onChange={(event) => setValue(event.currentTarget.value)}
          />
        </label>
        <button type="submit">Use this key</button>
      </form>
    </main>
  );
}
