import type { EmbedView } from './generated/graphql';

// Types of the server's data come from generated/graphql.ts (npm run client:codegen); this file
// holds only what the dashboard adds.

/** The dashboard's views: the ones an embed link can show, and Source (configuration). */
export type ViewName = EmbedView | 'SOURCE';
