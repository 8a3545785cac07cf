/** What a caller is told while the database cannot be reached (the driver's text is only logged). */
export const DATABASE_UNAVAILABLE_MESSAGE =
  'The service cannot reach its database right now; retry in a few seconds.';
/** Seconds in the Retry-After header of those answers: the pool reconnects on the next request. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Socket failures on the way to the server: refused, reset, timed out, no route, DNS hiccup. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
/** SQLSTATEs of a server that is shutting down, restarting or not yet accepting connections. */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03']);
/** node-postgres and its pool report a lost or impossible connection by message only. */
const DRIVER_MESSAGES = [
  /^Connection terminated( unexpectedly| due to connection timeout)?$/,
  /^timeout exceeded when trying to connect$/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
];

/**
 * True when an error says the database could not be reached or dropped the connection, as
 * opposed to a query it refused: class 08 (connection exception), admin/crash shutdown and
 * "cannot connect now", socket errors, and node-postgres' terminated/connect-timeout errors.
 * Looks through the wrappers the stack adds (TypeORM's driverError, `cause`, AggregateError).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 4 || typeof error !== 'object' || error === null) return false;
  const { code, message, driverError, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) {
      return true;
    }
  }
  if (typeof message === 'string' && DRIVER_MESSAGES.some((pattern) => pattern.test(message))) {
    return true;
  }
  const nested = [driverError, cause, ...(Array.isArray(errors) ? errors : [])];
  return nested.some((inner) => inner !== error && isDatabaseUnavailable(inner, depth + 1));
}

/** The driver's text of such an error, for the log (an AggregateError has no message of its own). */
export function describeDatabaseError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return error.errors.map(describeDatabaseError).join('; ');
  }
  return error instanceof Error ? error.message || error.name : String(error);
}
