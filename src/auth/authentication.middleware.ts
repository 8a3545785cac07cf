import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import { bearerToken } from './api-key-secret';
import { EmbedTokenError } from './embed-token';
import { ApiKeysService } from './api-keys.service';
import type { AuthenticatedRequest } from './current-principal.decorator';

/** Resolves `Authorization: Bearer <key>` to a principal on every request; never rejects by itself. */
@Injectable()
export class AuthenticationMiddleware implements NestMiddleware {
  constructor(private readonly apiKeys: ApiKeysService) {}

  async use(request: AuthenticatedRequest, _response: Response, next: NextFunction): Promise<void> {
    const header = request.headers.authorization;
    if (header === undefined) {
      request.principal = null;
      return next();
    }
    const secret = bearerToken(header);
    if (!secret) {
      request.authFailure = 'The Authorization header must be "Bearer <api key>".';
      return next();
    }
    try {
      const principal = await this.apiKeys.authenticate(secret);
      if (principal) request.principal = principal;
      else request.authFailure = 'This API key is unknown or has been revoked.';
      next();
    } catch (error) {
      if (error instanceof EmbedTokenError) {
        request.authFailure = `${error.message} Ask for a new embed link.`;
        return next();
      }
      next(error);
    }
  }
}
