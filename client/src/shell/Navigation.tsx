import type { ViewName } from '../types';
import { placeHash } from './place';
import { VIEWS, isAnalyticsView } from './routes';

/**
 * The standalone view tabs; Source only for those who may configure. Each link carries the shared
 * range, options and filter, so the next view answers the same question. Narrow screens get the
 * same links as a menu naming the view on screen (a row of tabs would be cut off there).
 */
export function Navigation({
  view,
  canConfigure,
  sharedParams,
  mayOpenView,
}: {
  view: ViewName;
  canConfigure: boolean;
  sharedParams: Array<[string, string]>;
  /** The people pages the caller may open (Members, Audit, Account); none when absent. */
  mayOpenView?: (view: ViewName) => boolean;
}) {
  // Why it moved is a panel of the Overview: its own view exists for embed links.
  const visible = VIEWS.filter((item) =>
    item.name === 'SOURCE'
      ? canConfigure
      : item.name !== 'WHY_IT_MOVED' &&
        (isAnalyticsView(item.name) || (mayOpenView?.(item.name) ?? false)),
  );
  const current = VIEWS.find((item) => item.name === view)!;
  return (
    <>
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
      <nav class="nav-menu" aria-label="Views" data-testid="nav-menu">
        {/* Keyed by view: choosing one closes the menu. */}
        <details key={view}>
          <summary>
            <span class="nav-menu-icon" aria-hidden="true">
              ☰
            </span>{' '}
            <span class="visually-hidden">View: </span>
            {current.label}
            <span class="muted small"> · {visible.length} views</span>
          </summary>
          <ul>
            {visible.map((item) => (
              <li key={item.name}>
                <a
                  href={placeHash(item.route, sharedParams)}
                  aria-current={item.name === view ? 'page' : undefined}
                >
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </details>
      </nav>
    </>
  );
}
