import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, gql, onAuthFailure, setCredential } from '../api';
import { ErrorNotice, Loading } from '../components/States';
import { EmbedEnvironmentDocument, type EnvironmentInfoFragment } from '../generated/graphql';
import { applyTheme, decodeEmbedToken, themeFromHash } from '../session';
import { Shell } from './Shell';

/** A signed embed link: its one view, read-only, themed by the fragment; no sign-in. */
export function EmbedApp({ token }: { token: string }) {
  const claims = useMemo(() => decodeEmbedToken(token), [token]);
  const [environment, setEnvironment] = useState<EnvironmentInfoFragment | null>(null);
  const [expired, setExpired] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // The link's view and locked filter come from its token; the fragment holds the theme, so the
  // reader's own choices stay in memory.
  const [params, setParams] = useState(() => new URLSearchParams());

  useEffect(() => {
    const apply = () => applyTheme(themeFromHash(window.location.hash));
    apply();
    window.addEventListener('hashchange', apply);
    return () => window.removeEventListener('hashchange', apply);
  }, []);

  useEffect(() => {
    if (!claims) return;
    setCredential(token);
    onAuthFailure(() => setExpired(true));
    gql(EmbedEnvironmentDocument, { env: claims.env })
      .then((data) => {
        if (!data.environment)
          throw new ApiError('This environment no longer exists.', 'NOT_FOUND');
        setEnvironment(data.environment);
      })
      .catch((failure: unknown) => {
        if (failure instanceof ApiError && failure.code === 'UNAUTHENTICATED') setExpired(true);
        else
          setError(failure instanceof ApiError ? failure : new ApiError(String(failure), 'ERROR'));
      });
    return () => onAuthFailure(null);
  }, [claims, token]);

  if (!claims) {
    return (
      <main class="page-message" data-testid="embed-invalid">
        <h1>This link is not valid</h1>
        <p>Ask the page that showed it for a new link.</p>
      </main>
    );
  }
  if (expired) {
    return (
      <main class="page-message" data-testid="embed-expired">
        <div role="alert">
          <h1>This link has expired</h1>
          <p>
            Embedded dashboards are shown through short-lived links. Reload the page that holds it
            to get a new one.
          </p>
        </div>
      </main>
    );
  }
  if (error) {
    return (
      <main class="page-message">
        <ErrorNotice error={error} />
      </main>
    );
  }
  if (!environment) {
    return (
      <main class="page-message">
        <Loading />
      </main>
    );
  }
  return (
    <Shell
      mode="embed"
      environment={environment}
      environments={[environment]}
      role={null}
      view={claims.view}
      params={params}
      onPlace={(_route, next) => setParams(new URLSearchParams(next))}
      claims={claims}
    />
  );
}
