/** Error codes shared by GraphQL (extensions.code) and REST (HTTP status). */
export type AppErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'GONE'
  | 'TOO_MANY_REQUESTS'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UPSTREAM_ERROR'
  | 'TIMEOUT'
  | 'OVERLOADED';

export const HTTP_STATUS_BY_CODE: Record<AppErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  TOO_MANY_REQUESTS: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UPSTREAM_ERROR: 502,
  TIMEOUT: 503,
  OVERLOADED: 503,
};

export interface InputProblem {
  /** Position in a bulk request, when the problem is in one of its items. */
  index?: number;
  /** Path of the offending field, e.g. `events[3].properties.plan`. */
  field: string;
  message: string;
  /** For file imports: line (1 = header) and column of the problem. */
  line?: number;
  column?: string;
}

/**
 * An error a caller can act on. Services throw it; the GraphQL layer turns it into an error
 * with `extensions.code`, the REST layer into the matching status with a JSON body.
 */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details: {
      argument?: string;
      problems?: InputProblem[];
      /** Seconds after which the same request may succeed, sent as Retry-After (TOO_MANY_REQUESTS, OVERLOADED). */
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  static badInput(message: string, argument?: string): AppError {
    return new AppError('BAD_USER_INPUT', message, argument ? { argument } : {});
  }
  static invalidItems(message: string, problems: InputProblem[]): AppError {
    return new AppError('BAD_USER_INPUT', message, { problems });
  }
  static unauthenticated(message = 'Send an API key as "Authorization: Bearer <key>".'): AppError {
    return new AppError('UNAUTHENTICATED', message);
  }
  static forbidden(message: string): AppError {
    return new AppError('FORBIDDEN', message);
  }
  static notFound(message: string): AppError {
    return new AppError('NOT_FOUND', message);
  }
  static conflict(message: string): AppError {
    return new AppError('CONFLICT', message);
  }
}
