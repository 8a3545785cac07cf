import type { EmbedView } from './generated/graphql';

// Types of the server's data come from generated/graphql.ts (npm run client:codegen); this file
// holds only what the dashboard adds.

/**
 * The dashboard's views: the ones an embed link can show, Source (configuration), Alerts, and
 * the people pages: Members and Audit (ADMIN), Account (a signed-in member's own).
 */
export type ViewName = EmbedView | 'SOURCE' | 'ALERTS' | PeopleView;
export type PeopleView = 'MEMBERS' | 'AUDIT' | 'ACCOUNT';
