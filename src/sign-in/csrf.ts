import type { Request } from 'express';
import { AppError } from '../common/app-error';
import { SESSION_COOKIE, readCookie } from './session-cookie';

/** The Content-Types an HTML form (or a no-preflight fetch) can send. */
const SIMPLE_TYPES = new Set([
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
]);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a state-changing request could have been forged by another site: it needs the check
 * when the browser would add the session cookie by itself (a cookie and no Authorization header),
 * and on every sign-in route. GraphQL is left to Apollo's own CSRF prevention.
 */
export function needsCsrfCheck(request: Request): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  // originalUrl: inside Nest's middleware `path` is relative to where it is mounted.
  const path = request.originalUrl.split('?')[0];
  if (path === '/graphql') return false;
  if (path.startsWith('/auth/')) return true;
  return (
    request.headers.authorization === undefined && readCookie(request, SESSION_COOKIE) !== null
  );
}

/**
 * Refuses a request another site could have sent: allowed when its Origin is PUBLIC_URL's (or
 * this very host's), or when it carries what no form can send without a CORS preflight, which
 * this service never grants: a Content-Type other than the three form types, or X-Requested-With.
 */
export function refuseCrossSite(request: Request, publicUrl: string): void {
  const origin = request.headers.origin;
  if (origin && origin !== 'null') {
    if (origin === new URL(publicUrl).origin) return;
    try {
      if (new URL(origin).host === request.headers.host) return;
    } catch {
      // A malformed Origin is judged by its headers below.
    }
  }
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== '' && !SIMPLE_TYPES.has(type)) return;
  if (request.headers['x-requested-with'] !== undefined) return;
  throw AppError.forbidden(
    `Cross-site request refused: a request signed in by cookie must come from ${new URL(publicUrl).origin} (its Origin header) or carry Content-Type: application/json or an X-Requested-With header.`,
  );
}
