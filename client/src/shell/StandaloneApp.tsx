import { useEffect, useState } from 'preact/hooks';
import { ApiError, gql, onAuthFailure, setCredential } from '../api';
import { ErrorNotice, Loading } from '../components/States';
import { SessionDocument, type SessionQuery } from '../generated/graphql';
import { clearQueryCache } from '../hooks';
import { storeKey, storedKey } from '../session';
import { SignIn } from './SignIn';
import { StandaloneShell } from './StandaloneShell';

/**
 * The standalone dashboard's session: the API key (kept for the tab), who it is and what it
 * reaches (one `Session` query: `viewer` and `environments`), and signing out with a reason.
 */
export function StandaloneApp() {
  const [key, setKey] = useState<string | null>(() => storedKey());
  const [session, setSession] = useState<SessionQuery | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);

  const signOut = (message: string | null) => {
    storeKey(null);
    setCredential(null);
    clearQueryCache();
    setSession(null);
    setKey(null);
    setNotice(message);
  };

  useEffect(() => {
    if (!key) return;
    setCredential(key);
    onAuthFailure(null);
    let cancelled = false;
    setError(null);
    gql(SessionDocument, {})
      .then((data) => {
        if (cancelled) return;
        storeKey(key);
        // From now on a refused key (revoked meanwhile) signs the user out with the reason.
        onAuthFailure((failure) => signOut(`Signed out: ${failure.message}`));
        setSession(data);
      })
      .catch((failure: unknown) => {
        if (cancelled) return;
        if (failure instanceof ApiError && failure.code === 'FORBIDDEN') {
          signOut(
            'This key may only send data (INGEST). Sign in with an ANALYST, ARCHITECT or ADMIN key.',
          );
        } else if (failure instanceof ApiError && failure.code === 'UNAUTHENTICATED') {
          signOut('This key is unknown or has been revoked.');
        } else {
          setError(failure instanceof ApiError ? failure : new ApiError(String(failure), 'ERROR'));
        }
      });
    return () => {
      cancelled = true;
    };
  }, [key, attempt]);

  if (!key) {
    return (
      <SignIn
        notice={notice}
        onSubmit={(value) => {
          setNotice(null);
          setKey(value);
        }}
      />
    );
  }
  if (error) {
    return (
      <main class="page-message">
        <ErrorNotice error={error} onRetry={() => setAttempt(attempt + 1)} />
        <button type="button" class="button button-quiet" onClick={() => signOut(null)}>
          Sign out
        </button>
      </main>
    );
  }
  if (!session) {
    return (
      <main class="page-message">
        <Loading label="Signing in…" />
      </main>
    );
  }
  if (session.environments.length === 0) {
    return (
      <main class="page-message">
        <h1>No environment yet</h1>
        <p>
          Create one with the <code>createEnvironment</code> mutation (global ADMIN), then reload.
        </p>
        <button type="button" class="button" onClick={() => signOut(null)}>
          Sign out
        </button>
      </main>
    );
  }
  return (
    <StandaloneShell
      environments={session.environments}
      role={session.viewer.role}
      onSignOut={() => signOut(null)}
    />
  );
}
