import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  Inject,
  Logger,
} from '@nestjs/common';
import { GqlContextType } from '@nestjs/graphql';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import { AppConfig } from '../config/app-config';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  DATABASE_UNAVAILABLE_MESSAGE,
  describeDatabaseError,
  isDatabaseUnavailable,
} from '../database/database-unavailable';
import { currentRequestId } from '../logging/request-context';
import { AppError, HTTP_STATUS_BY_CODE } from './app-error';

/** GraphQL error carrying the AppError's code and, for input errors, the argument and items. */
export function toGraphQLError(error: AppError): GraphQLError {
  const retryAfter = error.details.retryAfterSeconds;
  return new GraphQLError(error.message, {
    extensions: {
      code: error.code,
      ...(error.details.argument ? { argumentName: error.details.argument } : {}),
      ...(error.details.problems ? { problems: error.details.problems } : {}),
      // Apollo answers the request with this status and header (an overloaded instance: 503).
      ...(retryAfter !== undefined
        ? {
            http: {
              status: HTTP_STATUS_BY_CODE[error.code],
              headers: new Map([['retry-after', String(retryAfter)]]),
            },
          }
        : {}),
    },
  });
}

/** GraphQL error of an unreachable database: Apollo answers it with HTTP 503 and Retry-After. */
function databaseUnavailableGraphQLError(): GraphQLError {
  return new GraphQLError(DATABASE_UNAVAILABLE_MESSAGE, {
    extensions: {
      code: 'SERVICE_UNAVAILABLE',
      http: {
        status: 503,
        headers: new Map([['retry-after', String(DATABASE_RETRY_AFTER_SECONDS)]]),
      },
    },
  });
}

/** Body-parser failures (too large, not JSON) happen before any route; answer them plainly. */
function bodyParserProblem(
  exception: unknown,
  maxBodyBytes: number,
): { statusCode: number; error: string; message: string } | null {
  const failure = exception as { type?: string; message?: string; status?: number };
  if (failure?.type === 'entity.too.large' || failure?.status === 413) {
    return {
      statusCode: 413,
      error: 'PAYLOAD_TOO_LARGE',
      message: `The body is larger than the ${maxBodyBytes} bytes allowed (MAX_BODY_BYTES); send fewer items per request.`,
    };
  }
  const isJsonSyntax =
    failure?.type === 'entity.parse.failed' ||
    (exception instanceof HttpException &&
      exception.getStatus() === 400 &&
      /JSON/.test(String(failure.message)));
  if (isJsonSyntax) {
    return {
      statusCode: 400,
      error: 'BAD_USER_INPUT',
      message: `The body is not valid JSON (${failure.message}); send Content-Type: application/json with a JSON object.`,
    };
  }
  return null;
}

/** Maps errors to actionable answers: JSON bodies for REST, coded errors for GraphQL. */
@Catch()
export class AppExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  /** The driver's words go to the log only; one line, the stack adds nothing for an outage. */
  private logDatabaseUnavailable(exception: unknown): void {
    this.logger.error(`database unavailable: ${describeDatabaseError(exception)}`);
  }

  private get maxBodyBytes(): number {
    return this.config.maxBodyBytes;
  }

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') {
      if (exception instanceof AppError) return toGraphQLError(exception);
      if (exception instanceof GraphQLError) return exception;
      if (exception instanceof HttpException) {
        return new GraphQLError(exception.message, { extensions: { code: 'BAD_REQUEST' } });
      }
      if (isDatabaseUnavailable(exception)) {
        this.logDatabaseUnavailable(exception);
        return databaseUnavailableGraphQLError();
      }
      this.logger.error(exception instanceof Error ? exception : String(exception));
      return exception;
    }
    const response = host.switchToHttp().getResponse<Response>();
    const requestId = currentRequestId();
    if (exception instanceof AppError) {
      if (exception.details.retryAfterSeconds !== undefined)
        response.setHeader('Retry-After', String(exception.details.retryAfterSeconds));
      response.status(HTTP_STATUS_BY_CODE[exception.code]).json({
        statusCode: HTTP_STATUS_BY_CODE[exception.code],
        error: exception.code,
        message: exception.message,
        ...(exception.details.problems ? { errors: exception.details.problems } : {}),
        requestId,
      });
      return;
    }
    const bodyProblem = bodyParserProblem(exception, this.maxBodyBytes);
    if (bodyProblem) {
      response.status(bodyProblem.statusCode).json({ ...bodyProblem, requestId });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      response
        .status(status)
        .json({ statusCode: status, error: exception.name, message, requestId });
      return;
    }
    if (isDatabaseUnavailable(exception)) {
      this.logDatabaseUnavailable(exception);
      response.status(503).setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS)).json({
        statusCode: 503,
        error: 'SERVICE_UNAVAILABLE',
        message: DATABASE_UNAVAILABLE_MESSAGE,
        requestId,
      });
      return;
    }
    this.logger.error(exception instanceof Error ? exception : String(exception));
    response.status(500).json({
      statusCode: 500,
      error: 'INTERNAL_SERVER_ERROR',
      message: `Something went wrong on our side; quote request id ${requestId} when reporting it.`,
      requestId,
    });
  }
}
