import { EmbedLinkButton } from '../components/EmbedLink';
import { FilterBar } from '../components/FilterBar';
import type { ViewContext } from '../context';
import type { EnvironmentInfoFragment, Role } from '../generated/graphql';
import { useRange } from '../range';
import type { EmbedClaims } from '../session';
import type { ViewName } from '../types';
import { AppHeader } from './AppHeader';
import { Navigation } from './Navigation';
import { mayConfigure, VIEWS } from './routes';
import { ViewRouter } from './ViewRouter';
import { type PlaceListener, useViewState } from './view-state';

/**
 * The page around a view: header, navigation, the view's heading with its embed-link button and
 * filter bar, then the view. The controls, filter and view settings come from `params`; changes
 * go to `onPlace` (standalone: the address bar, so links, reloads and Back show the same).
 */
export function Shell({
  mode,
  environment,
  environments,
  onEnvironment,
  role,
  view,
  params,
  onPlace,
  claims,
  onSignOut,
}: {
  mode: 'standalone' | 'embed';
  environment: EnvironmentInfoFragment;
  environments: EnvironmentInfoFragment[];
  onEnvironment?: (id: string) => void;
  role: Role | null;
  view: ViewName;
  params: URLSearchParams;
  onPlace: PlaceListener;
  claims?: EmbedClaims;
  onSignOut?: () => void;
}) {
  const current = VIEWS.find((item) => item.name === view)!;
  const state = useViewState({
    params,
    route: current.route,
    environment,
    withEnvironment: mode === 'standalone',
    onPlace,
  });
  const { controls, filter } = state;
  const range = useRange(environment.id, controls, filter);
  const canConfigure = mode === 'standalone' && mayConfigure(role);
  const ctx: ViewContext = {
    env: environment,
    controls,
    setControls: state.setControls,
    range,
    filter,
    mode,
    role,
    canConfigure,
    goTo: (next) => {
      const target = VIEWS.find((item) => item.name === next);
      if (target && mode === 'standalone') onPlace(target.route, state.sharedParams, false);
    },
    settings: state.settings,
    setSettings: state.setSettings,
  };

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
      <AppHeader
        mode={mode}
        environment={environment}
        environments={environments}
        onEnvironment={onEnvironment}
        role={role}
        onSignOut={onSignOut}
      />
      {mode === 'standalone' && (
        <Navigation view={view} canConfigure={canConfigure} sharedParams={state.sharedParams} />
      )}
      <main id="main" class="app-main" tabIndex={-1} data-view={view}>
        <div class="view-header">
          <h1>{current.label}</h1>
          {canConfigure && view !== 'SOURCE' && view !== 'ALERTS' && (
            <EmbedLinkButton
              key={`${view}|${JSON.stringify(filter)}`}
              environmentId={environment.id}
              view={view}
              viewLabel={current.label}
              filter={filter}
              timezone={environment.timezone}
            />
          )}
        </div>
        {view !== 'SOURCE' && (
          <FilterBar
            conditions={filter}
            onChange={state.setFilter}
            locked={claims?.filter ?? []}
            editable={mode === 'standalone'}
            environmentId={environment.id}
          />
        )}
        <ViewRouter view={view} ctx={ctx} />
      </main>
    </div>
  );
}
