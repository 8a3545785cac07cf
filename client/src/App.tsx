import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, gql, onAuthFailure, setCredential } from './api';
import { EmbedLinkButton } from './components/EmbedLink';
import { FilterBar } from './components/FilterBar';
import { ErrorNotice, Loading } from './components/States';
import type { ViewContext } from './context';
import { clearQueryCache, useHashRoute } from './hooks';
import { ENVIRONMENT, ENVIRONMENTS, VIEWER } from './queries';
import { type Controls, initialControls, useRange } from './range';
import {
  type EmbedClaims,
  applyTheme,
  decodeEmbedToken,
  embedTokenFromLocation,
  storeEnvironmentId,
  storeKey,
  storedEnvironmentId,
  storedKey,
  themeFromHash,
} from './session';
import type { Condition, EmbedViewName, Environment, Role, ViewName } from './types';
import { Drivers } from './views/Drivers';
import { Engagement } from './views/Engagement';
import { Overview } from './views/Overview';
import { Responses } from './views/Responses';
import { Segments } from './views/Segments';
import { Source } from './views/Source';

const VIEWS: Array<{ name: ViewName; route: string; label: string }> = [
  { name: 'OVERVIEW', route: 'overview', label: 'Overview' },
  { name: 'ENGAGEMENT', route: 'engagement', label: 'Engagement' },
  { name: 'DRIVERS', route: 'drivers', label: 'Drivers' },
  { name: 'SEGMENTS', route: 'segments', label: 'Segments' },
  { name: 'RESPONSES', route: 'responses', label: 'Responses' },
  { name: 'SOURCE', route: 'source', label: 'Source' },
];

const ROLE_RANK: Record<Role, number> = { INGEST: 1, ANALYST: 2, ARCHITECT: 3, ADMIN: 4 };

export function App() {
  const token = useMemo(() => embedTokenFromLocation(window.location), []);
  if (token) return <EmbedApp token={token} />;
  return <StandaloneApp />;
}

/* ---------------------------------------------------------------- embed ---------------------- */

function EmbedApp({ token }: { token: string }) {
  const claims = useMemo(() => decodeEmbedToken(token), [token]);
  const [environment, setEnvironment] = useState<Environment | null>(null);
  const [expired, setExpired] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

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
    gql<{ environment: Environment | null }>(ENVIRONMENT, { env: claims.env })
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
      claims={claims}
    />
  );
}

/* ------------------------------------------------------------ standalone -------------------- */

interface Session {
  environments: Environment[];
  /** The key's role (an environment key's role holds in its one environment). */
  role: Role;
}

function StandaloneApp() {
  const [key, setKey] = useState<string | null>(() => storedKey());
  const [session, setSession] = useState<Session | null>(null);
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
    Promise.all([
      gql<{ environments: Environment[] }>(ENVIRONMENTS),
      gql<{ viewer: { role: Role } }>(VIEWER),
    ])
      .then(([data, { viewer }]) => {
        if (cancelled) return;
        storeKey(key);
        // From now on a refused key (revoked meanwhile) signs the user out with the reason.
        onAuthFailure((failure) => signOut(`Signed out: ${failure.message}`));
        setSession({ environments: data.environments, role: viewer.role });
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
  return <StandaloneShell session={session} onSignOut={() => signOut(null)} />;
}

function StandaloneShell({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const [environmentId, setEnvironmentId] = useState(() => {
    const stored = storedEnvironmentId();
    return session.environments.some((env) => env.id === stored)
      ? stored!
      : session.environments[0].id;
  });
  const role = session.role;
  const route = useHashRoute();
  const environment = session.environments.find((env) => env.id === environmentId)!;

  useEffect(() => {
    storeEnvironmentId(environmentId);
  }, [environmentId]);

  const canConfigure = ROLE_RANK[role] >= ROLE_RANK.ARCHITECT;
  const requested = VIEWS.find((view) => view.route === route)?.name ?? 'OVERVIEW';
  const view: ViewName = requested === 'SOURCE' && !canConfigure ? 'OVERVIEW' : requested;

  return (
    <Shell
      key={environmentId}
      mode="standalone"
      environment={environment}
      environments={session.environments}
      onEnvironment={setEnvironmentId}
      role={role}
      view={view}
      onSignOut={onSignOut}
    />
  );
}

function SignIn({ notice, onSubmit }: { notice: string | null; onSubmit: (key: string) => void }) {
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

/* ------------------------------------------------------------------ shell ------------------- */

function Shell({
  mode,
  environment,
  environments,
  onEnvironment,
  role,
  view,
  claims,
  onSignOut,
}: {
  mode: 'standalone' | 'embed';
  environment: Environment;
  environments: Environment[];
  onEnvironment?: (id: string) => void;
  role: Role | null;
  view: ViewName;
  claims?: EmbedClaims;
  onSignOut?: () => void;
}) {
  const [controls, setControls] = useState<Controls>(() => initialControls(environment.timezone));
  const [filter, setFilter] = useState<Condition[]>([]);
  const range = useRange(environment.id, controls, filter);
  const canConfigure =
    mode === 'standalone' && role !== null && ROLE_RANK[role] >= ROLE_RANK.ARCHITECT;
  const ctx: ViewContext = {
    env: environment,
    controls,
    setControls,
    range,
    filter,
    mode,
    role,
    canConfigure,
    goTo: (next) => {
      const target = VIEWS.find((item) => item.name === next);
      if (target && mode === 'standalone') window.location.hash = `#/${target.route}`;
    },
  };
  const visibleViews = VIEWS.filter((item) => item.name !== 'SOURCE' || canConfigure);
  const current = VIEWS.find((item) => item.name === view)!;

  return (
    <div class={`app app-${mode}`}>
      <a
        class="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header class="app-header">
        <div class="brand">
          <span class="brand-mark" aria-hidden="true">
            ◔
          </span>
          <span class="brand-name">NPS analytics</span>
          {mode === 'embed' && <span class="badge">Read-only</span>}
        </div>
        {mode === 'standalone' && environments.length > 1 && onEnvironment ? (
          <div class="control env-select">
            <label for="ctl-environment" class="visually-hidden">
              Environment
            </label>
            <select
              id="ctl-environment"
              name="environment"
              value={environment.id}
              onChange={(event) => onEnvironment(event.currentTarget.value)}
            >
              {environments.map((env) => (
                <option key={env.id} value={env.id}>
                  {env.name} (#{env.id})
                </option>
              ))}
            </select>
          </div>
        ) : (
          <span class="env-name" data-testid="environment-name">
            {environment.name}
          </span>
        )}
        {mode === 'standalone' && (
          <div class="header-end">
            {role && (
              <span class="badge" data-testid="role">
                {role}
              </span>
            )}
            <button type="button" class="button button-quiet" onClick={onSignOut}>
              Sign out
            </button>
          </div>
        )}
      </header>
      {mode === 'standalone' && (
        <nav class="app-nav" aria-label="Views">
          {visibleViews.map((item) => (
            <a
              key={item.name}
              href={`#/${item.route}`}
              aria-current={item.name === view ? 'page' : undefined}
              data-view={item.name}
            >
              {item.label}
            </a>
          ))}
        </nav>
      )}
      <main id="main" class="app-main" tabIndex={-1} data-view={view}>
        <div class="view-header">
          <h1>{current.label}</h1>
          {canConfigure && view !== 'SOURCE' && (
            <EmbedLinkButton
              environmentId={environment.id}
              view={view as EmbedViewName}
              filter={filter}
              timezone={environment.timezone}
            />
          )}
        </div>
        {view !== 'SOURCE' && (
          <FilterBar
            conditions={filter}
            onChange={setFilter}
            locked={claims?.filter ?? []}
            editable={mode === 'standalone'}
            environmentId={environment.id}
          />
        )}
        {view === 'OVERVIEW' && <Overview ctx={ctx} />}
        {view === 'ENGAGEMENT' && <Engagement ctx={ctx} />}
        {view === 'DRIVERS' && <Drivers ctx={ctx} />}
        {view === 'SEGMENTS' && <Segments ctx={ctx} />}
        {view === 'RESPONSES' && <Responses ctx={ctx} />}
        {view === 'SOURCE' && (canConfigure ? <Source ctx={ctx} /> : <Loading />)}
      </main>
    </div>
  );
}
