import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { JsonLogger } from './json-logger';
import { requestContext } from './request-context';

const VALID_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Gives each request an id (kept from X-Request-Id when sane), echoes it, and logs completion. */
export function requestLogging(logger: JsonLogger) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const incoming = request.header('x-request-id');
    const requestId = incoming && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    response.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      requestContext.run({ requestId }, () =>
        logger.event(response.statusCode >= 500 ? 'error' : 'info', 'request', {
          method: request.method,
          path: request.originalUrl.split('?')[0],
          status: response.statusCode,
          durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        }),
      );
    });
    requestContext.run({ requestId, ip: () => request.ip }, () => next());
  };
}
