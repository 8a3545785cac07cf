import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import type { AuthenticatedRequest } from '../auth/current-principal.decorator';
import { AppConfig } from '../config/app-config';
import { needsCsrfCheck, refuseCrossSite } from './csrf';
import { SESSION_COOKIE, readCookie } from './session-cookie';
import { SessionsService } from './sessions.service';

/**
 * After AuthenticationMiddleware: a request without a bearer credential but with the session
 * cookie is the member's. Cookie-authenticated changes are checked against cross-site forgery.
 */
@Injectable()
export class SessionMiddleware implements NestMiddleware {
  constructor(
    private readonly sessions: SessionsService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async use(request: AuthenticatedRequest, _response: Response, next: NextFunction): Promise<void> {
    try {
      if (needsCsrfCheck(request)) refuseCrossSite(request, this.config.publicUrl);
      if (request.headers.authorization !== undefined) return next();
      const token = readCookie(request, SESSION_COOKIE);
      if (token === null) return next();
      const principal = await this.sessions.authenticate(token);
      if (principal) request.principal = principal;
      else request.authFailure = 'Your session has ended; sign in again.';
      next();
    } catch (error) {
      next(error);
    }
  }
}
