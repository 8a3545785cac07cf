import { useEffect, useState } from 'preact/hooks';
import { ApiError, gql, onAuthFailure, setCredential } from '../api';
import { ErrorNotice, Loading } from '../components/States';
import { SessionDocument, type SessionQuery } from '../generated/graphql';
import { clearQueryCache } from '../hooks';
import { storeKey, storedKey } from '../session';
import { authPost, linkFlowFromHash, signInErrorFromHash } from '../sign-in-api';
import { LinkFlow } from './LinkFlow';
import { SignIn } from './SignIn';
import { StandaloneShell } from './StandaloneShell';

/** A member's session cookie stands for the key: the requests carry no bearer credential. */
const COOKIE = 'session cookie';

/**
 * The standalone dashboard's session: a member's cookie or an API key (kept for the tab), who it
 * is and what it reaches (one `Session` query: `viewer` and `environments`), and signing out with
 * a reason. A one-time link in the address (setup, invitation, reset) is offered first.
 */
export function StandaloneApp() {
  const [flow, setFlow] = useState(() => linkFlowFromHash(window.location.hash));
  // Without a stored key, try the cookie: a member signed in earlier in this browser.
  const [key, setKey] = useState<string | null>(() => storedKey() ?? (flow ? null : COOKIE));
  const [ssoError] = useState(() => signInErrorFromHash(window.location.hash));
  const [session, setSession] = useState<SessionQuery | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);

  const [keyRefused, setKeyRefused] = useState(false);
  const signOut = (message: string | null) => {
    setKeyRefused(key !== COOKIE && message !== null);
    if (key === COOKIE) void authPost('/auth/logout').catch(() => undefined);
    storeKey(null);
    setCredential(null);
    clearQueryCache();
    setSession(null);
    setKey(null);
    setNotice(message);
  };

  useEffect(() => {
    if (!key) return;
    const byCookie = key === COOKIE;
    setCredential(byCookie ? null : key);
    onAuthFailure(null);
    let cancelled = false;
    setError(null);
    gql(SessionDocument, {})
      .then((data) => {
        if (cancelled) return;
        if (!byCookie) storeKey(key);
        // From now on a refused key (revoked meanwhile) signs the user out with the reason.
        onAuthFailure((failure) => signOut(`Signed out: ${failure.message}`));
        setSession(data);
      })
      .catch((failure: unknown) => {
        if (cancelled) return;
        if (byCookie && failure instanceof ApiError && failure.code === 'UNAUTHENTICATED') {
          // No session (or an ended one): the sign-in page, with an SSO refusal if one came back.
          setKey(null);
          setNotice(ssoError);
          if (ssoError) history.replaceState(null, '', window.location.pathname);
          return;
        }
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

  const signedIn = () => {
    history.replaceState(null, '', window.location.pathname);
    setFlow(null);
    setNotice(null);
    setKey(COOKIE);
    setAttempt(attempt + 1);
  };
  if (flow && !key) return <LinkFlow flow={flow} onSignedIn={signedIn} />;
  if (!key) {
    return (
      <SignIn
        notice={notice}
        showKey={keyRefused}
        onSubmit={(value) => {
          setNotice(null);
          setKey(value);
        }}
        onSignedIn={signedIn}
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
      roles={Object.fromEntries(session.viewer.environments.map((env) => [env.id, env.role]))}
      member={session.viewer.member ?? null}
      onSignOut={() => signOut(null)}
    />
  );
}
