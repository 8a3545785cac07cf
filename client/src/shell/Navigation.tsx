import type { ViewName } from '../types';
import { placeHash } from './place';
import { VIEWS } from './routes';

/**
 * The standalone view tabs; Source only for those who may configure. Each link carries the shared
 * range, options and filter, so the next view answers the same question.
 */
export function Navigation({
  view,
  canConfigure,
  sharedParams,
}: {
  view: ViewName;
  canConfigure: boolean;
  sharedParams: Array<[string, string]>;
}) {
  const visible = VIEWS.filter((item) => item.name !== 'SOURCE' || canConfigure);
  return (
    <nav class="app-nav" aria-label="Views">
      {visible.map((item) => (
        <a
          key={item.name}
          href={placeHash(item.route, sharedParams)}
          aria-current={item.name === view ? 'page' : undefined}
          data-view={item.name}
        >
          {item.label}
        </a>
      ))}
    </nav>
  );
}
