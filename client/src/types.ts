import type { EmbedView } from './generated/graphql';

// Types of the server's data come from generated/graphql.ts (npm run client:codegen); this file
// holds only what the dashboard adds.

/** The dashboard's views: the ones an embed link can show, Source (configuration) and Alerts. */
export type ViewName = EmbedView | 'SOURCE' | 'ALERTS';
