import { useMemo } from 'preact/hooks';
import type { SettingsPatch } from '../context';
import type { EnvironmentInfoFragment, UserPropertyCondition } from '../generated/graphql';
import type { Controls } from '../range';
import {
  SHARED_PARAMS,
  conditionToParam,
  controlsFromParams,
  controlsToParams,
  filterFromParams,
} from '../share-params';

export type Entries = Array<[string, string]>;

/** Asks for a new place: a route and its parameters; `replace` adds no history entry. */
export type PlaceListener = (route: string, params: Entries, replace: boolean) => void;

/**
 * The controls, filter and view settings that `params` say, and setters that ask for the place
 * that says the changed ones (standalone: the address bar; embed links: memory).
 */
export function useViewState({
  params,
  route,
  environment,
  withEnvironment,
  onPlace,
}: {
  params: URLSearchParams;
  route: string;
  environment: EnvironmentInfoFragment;
  /** Standalone links name their environment, so a colleague's key opens the same one. */
  withEnvironment: boolean;
  onPlace: PlaceListener;
}) {
  const timezone = environment.timezone;
  const controls = useMemo(() => controlsFromParams(params, timezone), [params, timezone]);
  const filter = useMemo(() => filterFromParams(params), [params]);
  const settings = useMemo(() => {
    const own = new URLSearchParams();
    for (const [key, value] of params) if (!SHARED_PARAMS.includes(key)) own.append(key, value);
    return own;
  }, [params]);

  const shared = (nextControls: Controls, nextFilter: UserPropertyCondition[]): Entries => [
    ...(withEnvironment ? ([['env', environment.id]] as Entries) : []),
    ...controlsToParams(nextControls, timezone),
    ...nextFilter.map((condition): [string, string] => ['f', conditionToParam(condition)]),
  ];

  return {
    controls,
    filter,
    settings,
    /** The shared part alone: what a link to another view carries. */
    sharedParams: shared(controls, filter),
    setControls: (next: Controls) => onPlace(route, [...shared(next, filter), ...settings], false),
    setFilter: (next: UserPropertyCondition[]) =>
      onPlace(route, [...shared(controls, next), ...settings], false),
    setSettings: (patch: SettingsPatch, options: { replace?: boolean } = {}) => {
      const next = new URLSearchParams(settings);
      for (const [key, value] of Object.entries(patch)) {
        next.delete(key);
        for (const item of value === null ? [] : Array.isArray(value) ? value : [value]) {
          next.append(key, item);
        }
      }
      onPlace(route, [...shared(controls, filter), ...next], options.replace ?? false);
    },
  };
}
