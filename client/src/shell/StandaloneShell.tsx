import { useEffect } from 'preact/hooks';
import type { EnvironmentInfoFragment, Role } from '../generated/graphql';
import { storeEnvironmentId, storedEnvironmentId } from '../session';
import { goToPlace, placeHash, usePlace } from './place';
import { VIEWS, routedView } from './routes';
import { Shell } from './Shell';

/**
 * A signed-in key: which of its environments is open and which view, both from the address
 * (`#/drivers?env=3&range=12m…`; the environment falls back to the one last open in the tab).
 */
export function StandaloneShell({
  environments,
  role: keyRole,
  roles,
  member,
  onSignOut,
}: {
  environments: EnvironmentInfoFragment[];
  /** The key's role (one per key, in whichever environment it opens). */
  role: Role;
  /** A member's role per environment (viewer.environments); the open one's applies. */
  roles?: Record<string, Role>;
  member?: { id: string; email: string; name: string; owner: boolean } | null;
  onSignOut: () => void;
}) {
  const place = usePlace();
  const reaches = (id: string | null) => environments.some((env) => env.id === id);
  const requested = place.params.get('env');
  const stored = storedEnvironmentId();
  const environmentId = reaches(requested)
    ? requested!
    : reaches(stored)
      ? stored!
      : environments[0].id;
  const environment = environments.find((env) => env.id === environmentId)!;
  const role = roles?.[environmentId] ?? keyRole;
  const view = routedView(place.route, role, Boolean(member));
  const route = VIEWS.find((item) => item.name === view)!.route;

  useEffect(() => {
    storeEnvironmentId(environmentId);
    // The address names the view and environment shown, so it can be copied as it is.
    if (place.route !== route || requested !== environmentId) {
      const params = [...place.params].filter(([key]) => key !== 'env');
      goToPlace(placeHash(route, [['env', environmentId], ...params]), true);
    }
  }, [place, environmentId, route]);

  return (
    <Shell
      key={environmentId}
      mode="standalone"
      environment={environment}
      environments={environments}
      onEnvironment={(id) => goToPlace(placeHash(route, [['env', id]]))}
      role={role}
      view={view}
      params={place.params}
      onPlace={(nextRoute, params, replace) => goToPlace(placeHash(nextRoute, params), replace)}
      onSignOut={onSignOut}
      member={member ?? null}
    />
  );
}
