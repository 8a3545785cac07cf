import type { EmbedView, Role } from '../generated/graphql';
import type { ViewName } from '../types';

/** The views in navigation order, each with its hash route (`#/drivers`) and heading. */
export const VIEWS: Array<{ name: ViewName; route: string; label: string }> = [
  { name: 'OVERVIEW', route: 'overview', label: 'Overview' },
  { name: 'ENGAGEMENT', route: 'engagement', label: 'Engagement' },
  { name: 'DRIVERS', route: 'drivers', label: 'Drivers' },
  { name: 'SEGMENTS', route: 'segments', label: 'Segments' },
  { name: 'RESPONSES', route: 'responses', label: 'Responses' },
  { name: 'ACCOUNTS', route: 'accounts', label: 'Accounts' },
  { name: 'WHY_IT_MOVED', route: 'why-it-moved', label: 'Why it moved' },
  { name: 'COMMENTS', route: 'comments', label: 'Comments' },
  { name: 'SOURCE', route: 'source', label: 'Source' },
  { name: 'ALERTS', route: 'alerts', label: 'Alerts' },
  { name: 'MEMBERS', route: 'members', label: 'Members' },
  { name: 'AUDIT', route: 'audit', label: 'Audit' },
  { name: 'ACCOUNT', route: 'account', label: 'My account' },
];

/** Views that configure or manage rather than analyse: no filter bar, no embed link. */
export function isAnalyticsView(view: ViewName): view is EmbedView {
  return !['SOURCE', 'ALERTS', 'MEMBERS', 'AUDIT', 'ACCOUNT'].includes(view);
}

/** Whether the role (and being a signed-in member) may open the view. */
export function mayOpen(view: ViewName, role: Role | null, isMember: boolean): boolean {
  if (view === 'SOURCE') return mayConfigure(role);
  if (view === 'MEMBERS' || view === 'AUDIT') return role === 'ADMIN';
  if (view === 'ACCOUNT') return isMember;
  return true;
}

const ROLE_RANK: Record<Role, number> = { INGEST: 1, ANALYST: 2, ARCHITECT: 3, ADMIN: 4 };

/** ARCHITECT and ADMIN configure sources and mint embed links. */
export function mayConfigure(role: Role | null): boolean {
  return role !== null && ROLE_RANK[role] >= ROLE_RANK.ARCHITECT;
}

/** The view a hash route asks for: Overview for an unknown route or a view the role may not open. */
export function routedView(route: string, role: Role, isMember = false): ViewName {
  const requested = VIEWS.find((view) => view.route === route)?.name ?? 'OVERVIEW';
  return mayOpen(requested, role, isMember) ? requested : 'OVERVIEW';
}
