import { useEffect, useMemo, useState } from 'preact/hooks';
import { formatParams } from '../share-params';

/** Where the standalone dashboard is: `#/drivers?range=12m&f=plan:is:pro` → route and params. */
export interface Place {
  route: string;
  params: URLSearchParams;
}

const PLACE_CHANGED = 'nps:place';

export function parsePlace(hash: string): Place {
  const text = hash.replace(/^#\/?/, '');
  const question = text.indexOf('?');
  return {
    route: question < 0 ? text : text.slice(0, question),
    params: new URLSearchParams(question < 0 ? '' : text.slice(question + 1)),
  };
}

export function placeHash(route: string, params: Iterable<[string, string]>): string {
  const query = formatParams(params);
  return `#/${route}${query ? `?${query}` : ''}`;
}

/**
 * Goes to a place: a new history entry (the back button returns), or with `replace` the current
 * one rewritten (no entry for a canonical form of the same view).
 */
export function goToPlace(hash: string, replace = false): void {
  if (hash === window.location.hash) return;
  if (replace) window.history.replaceState(window.history.state, '', hash);
  else window.history.pushState(null, '', hash);
  window.dispatchEvent(new Event(PLACE_CHANGED));
}

/** The place in the address bar, following links, goToPlace and the back and forward buttons. */
export function usePlace(): Place {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const listener = () => setHash(window.location.hash);
    for (const name of ['hashchange', 'popstate', PLACE_CHANGED]) {
      window.addEventListener(name, listener);
    }
    return () => {
      for (const name of ['hashchange', 'popstate', PLACE_CHANGED]) {
        window.removeEventListener(name, listener);
      }
    };
  }, []);
  return useMemo(() => parsePlace(hash), [hash]);
}
