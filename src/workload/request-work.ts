import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const requestWork = new AsyncLocalStorage<AbortSignal>();

/** Why a request's remaining work was cancelled. */
export type CancelReason = 'client went away' | 'response sent';

/**
 * The signal of the HTTP request being served: it aborts when the response has been sent (work
 * still running then belongs to nobody, e.g. siblings of a field whose error nulled the
 * result) or when the client goes away first. Undefined outside a request.
 */
export function currentWorkSignal(): AbortSignal | undefined {
  return requestWork.getStore();
}

/** Runs `work` with `signal` as the current request's. */
export function withWorkSignal<T>(signal: AbortSignal, work: () => T): T {
  return requestWork.run(signal, work);
}

/** Gives every request its AbortSignal (see currentWorkSignal). */
@Injectable()
export class RequestWorkMiddleware implements NestMiddleware {
  use(_request: Request, response: Response, next: NextFunction): void {
    const controller = new AbortController();
    response.once('close', () => {
      const reason: CancelReason = response.writableFinished ? 'response sent' : 'client went away';
      controller.abort(reason);
    });
    requestWork.run(controller.signal, next);
  }
}
