import type { Role } from '../generated/graphql';
import type { ViewName } from '../types';

/** The views in navigation order, each with its hash route (`#/drivers`) and heading. */
export const VIEWS: Array<{ name: ViewName; route: string; label: string }> = [
  { name: 'OVERVIEW', route: 'overview', label: 'Overview' },
  { name: 'ENGAGEMENT', route: 'engagement', label: 'Engagement' },
  { name: 'DRIVERS', route: 'drivers', label: 'Drivers' },
  { name: 'SEGMENTS', route: 'segments', label: 'Segments' },
  { name: 'RESPONSES', route: 'responses', label: 'Responses' },
  { name: 'SOURCE', route: 'source', label: 'Source' },
  { name: 'ALERTS', route: 'alerts', label: 'Alerts' },
];

const ROLE_RANK: Record<Role, number> = { INGEST: 1, ANALYST: 2, ARCHITECT: 3, ADMIN: 4 };

/** ARCHITECT and ADMIN configure sources and mint embed links. */
export function mayConfigure(role: Role | null): boolean {
  return role !== null && ROLE_RANK[role] >= ROLE_RANK.ARCHITECT;
}

/** The view a hash route asks for: Overview for an unknown route or a view the role may not open. */
export function routedView(route: string, role: Role): ViewName {
  const requested = VIEWS.find((view) => view.route === route)?.name ?? 'OVERVIEW';
  return requested === 'SOURCE' && !mayConfigure(role) ? 'OVERVIEW' : requested;
}
