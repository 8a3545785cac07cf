import { EMBED_VIEWS, type EmbedViewName } from '../auth/embed-token';

export type Views = readonly EmbedViewName[];

/** Every view: what the shell of any embedded view asks (its environment, the "all time" probe). */
export const ALL: Views = EMBED_VIEWS;
/** No embed link may select it. */
export const NONE: Views = [];
/** The NPS trend chart. */
export const TREND: Views = ['OVERVIEW', 'ENGAGEMENT'];
/** Responses as people (emails, comments, identities): only the views that list them. */
export const MEMBERS: Views = ['SEGMENTS'];
export const RESPONSES: Views = ['RESPONSES', 'COMMENTS'];
export const LISTS: Views = ['SEGMENTS', 'RESPONSES', 'COMMENTS'];
/** What the responses view shows of a response and the Comments view does not. */
export const RESPONSES_ONLY: Views = ['RESPONSES'];
/** The Comments view: themes, sentiment and the comments behind them. */
export const COMMENTS: Views = ['COMMENTS'];
/** Why NPS moved and the score distribution: the Overview's panels and their own view. */
export const WHY: Views = ['OVERVIEW', 'WHY_IT_MOVED'];
/** Accounts (company ids and their figures, no person). */
export const ACCOUNTS: Views = ['ACCOUNTS'];
/** The transition matrix of the Segments view. */
export const TRANSITIONS: Views = ['SEGMENTS'];
