import { useEffect, useState } from 'preact/hooks';
import type { EnvironmentInfoFragment, Role } from '../generated/graphql';
import { useHashRoute } from '../hooks';
import { storeEnvironmentId, storedEnvironmentId } from '../session';
import { routedView } from './routes';
import { Shell } from './Shell';

/**
 * A signed-in key: which of its environments is open (remembered for the tab) and which view the
 * hash route shows.
 */
export function StandaloneShell({
  environments,
  role,
  onSignOut,
}: {
  environments: EnvironmentInfoFragment[];
  /** The key's role (one per key, in whichever environment it opens). */
  role: Role;
  onSignOut: () => void;
}) {
  const [environmentId, setEnvironmentId] = useState(() => {
    const stored = storedEnvironmentId();
    return environments.some((env) => env.id === stored) ? stored! : environments[0].id;
  });
  const route = useHashRoute();
  const environment = environments.find((env) => env.id === environmentId)!;

  useEffect(() => {
    storeEnvironmentId(environmentId);
  }, [environmentId]);

  return (
    <Shell
      key={environmentId}
      mode="standalone"
      environment={environment}
      environments={environments}
      onEnvironment={setEnvironmentId}
      role={role}
      view={routedView(route, role)}
      onSignOut={onSignOut}
    />
  );
}
