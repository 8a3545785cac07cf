/**
 * Rows per request when a view exports a whole list as CSV. Sized to the service's default query
 * limits (GRAPHQL_MAX_COMPLEXITY): test/client-exports.e2e-spec.ts sends each export request at
 * this size, so a larger value fails there instead of in a PM's browser.
 */
export const EXPORT_PAGE_SIZE = 300;
