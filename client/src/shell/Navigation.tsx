import type { ViewName } from '../types';
import { VIEWS } from './routes';

/** The standalone view tabs; Source only for those who may configure. */
export function Navigation({ view, canConfigure }: { view: ViewName; canConfigure: boolean }) {
  const visible = VIEWS.filter((item) => item.name !== 'SOURCE' || canConfigure);
  return (
    <nav class="app-nav" aria-label="Views">
      {visible.map((item) => (
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
  );
}
