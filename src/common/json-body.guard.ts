import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError } from './app-error';
import { closeIfBodyUnread, mediaType } from './request-body';

/**
 * For routes that take JSON only: anything else (a form, text, no Content-Type) is refused with
 * 415 rather than read some other way.
 */
@Injectable()
export class JsonBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const type = mediaType(request);
    if (type === 'application/json') return true;
    closeIfBodyUnread(request, http.getResponse<Response>());
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `This route takes JSON only: send Content-Type: application/json (got ${type ? `"${type}"` : 'none'}).`,
    );
  }
}
