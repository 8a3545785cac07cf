import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import type { ViewContext } from '../context';
import { authPost } from '../sign-in-api';
import { TextField } from '../components/TextField';

/** The signed-in member's own page: who they are, change password, sign out everywhere. */
export function MyAccount({ ctx }: { ctx: ViewContext }) {
  const member = ctx.member!;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  return (
    <>
      <section class="card" aria-labelledby="account-title">
        <header class="card-header">
          <div>
            <h2 id="account-title">{member.name}</h2>
            <p class="card-subtitle" data-testid="account-email">
              {member.email} ·{' '}
              {member.owner
                ? 'owner (ADMIN of every environment)'
                : `${ctx.role} of ${ctx.env.name}`}
            </p>
          </div>
        </header>
        <form
          class="controls"
          data-testid="password-form"
          onSubmit={(event) => {
            event.preventDefault();
            authPost('/auth/password', { currentPassword: current, newPassword: next })
              .then(() => {
                setCurrent('');
                setNext('');
                setMessage({
                  text: 'Password changed; your other sessions have ended.',
                  error: false,
                });
              })
              .catch((error: unknown) =>
                setMessage({
                  text: error instanceof ApiError ? error.message : String(error),
                  error: true,
                }),
              );
          }}
        >
          <TextField
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            value={current}
            onValue={setCurrent}
          />
          <TextField
            label="New password (12+ characters)"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            value={next}
            onValue={setNext}
          />
          <button type="submit" class="button control-submit">
            Change password
          </button>
        </form>
        {message && (
          <p
            class={message.error ? 'error-text' : 'note'}
            role="status"
            data-testid="account-message"
          >
            {message.text}
          </p>
        )}
      </section>
      <section class="card" aria-labelledby="sessions-title">
        <header class="card-header">
          <div>
            <h2 id="sessions-title">Sessions</h2>
            <p class="card-subtitle">
              Signed in on a computer you no longer use? End every session.
            </p>
          </div>
        </header>
        <button
          type="button"
          class="button button-danger"
          data-testid="sign-out-everywhere"
          onClick={() => {
            void authPost('/auth/logout-everywhere').finally(() => window.location.assign('/'));
          }}
        >
          Sign out everywhere
        </button>
      </section>
    </>
  );
}
