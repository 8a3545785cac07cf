import { AppError } from '../../common/app-error';

/** PostgreSQL's query_canceled: the statement timeout (or a cancel) stopped the statement. */
const QUERY_CANCELED = '57014';

/**
 * An analytics statement stopped by the statement timeout as the clear TIMEOUT error the API
 * answers with; any other error as it is.
 */
export function statementTimeoutError(error: unknown, timeoutMs: number): unknown {
  if ((error as { driverError?: { code?: string } } | null)?.driverError?.code !== QUERY_CANCELED) {
    return error;
  }
  return new AppError(
    'TIMEOUT',
    `The analytics query took longer than ${timeoutMs} ms and was stopped; narrow the range or the filter.`,
  );
}
