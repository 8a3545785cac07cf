import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { UserPropertyCondition } from '../store/user-filter.sql';

export const EMBED_VIEWS = [
  'OVERVIEW',
  'ENGAGEMENT',
  'DRIVERS',
  'SEGMENTS',
  'RESPONSES',
  'WHY_IT_MOVED',
  'ACCOUNTS',
  'COMMENTS',
] as const;
export type EmbedViewName = (typeof EMBED_VIEWS)[number];

/** What an embed link grants: read-only analytics of one environment, one view, locked filters. */
export interface EmbedClaims {
  env: string;
  view: EmbedViewName;
  filter: UserPropertyCondition[];
  /** Unix seconds. */
  iat: number;
  exp: number;
  jti: string;
}

export type EmbedTokenProblem = 'malformed' | 'signature' | 'expired';

export class EmbedTokenError extends Error {
  constructor(
    readonly problem: EmbedTokenProblem,
    message: string,
  ) {
    super(message);
  }
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

function sign(input: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(input).digest();
}

/** Looks like a compact JWS (three base64url parts): API keys never do. */
export function looksLikeEmbedToken(credential: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(credential);
}

/** An HS256 JWT carrying the claims; `now` in Unix seconds. */
export function signEmbedToken(
  claims: Omit<EmbedClaims, 'iat' | 'jti'>,
  secret: string,
  now = Math.floor(Date.now() / 1000),
): string {
  const payload = Buffer.from(
    JSON.stringify({ ...claims, iat: now, jti: randomBytes(9).toString('base64url') }),
  ).toString('base64url');
  const input = `${HEADER}.${payload}`;
  return `${input}.${sign(input, secret).toString('base64url')}`;
}

/** Verifies signature (constant time), algorithm and expiry; throws EmbedTokenError. */
export function verifyEmbedToken(
  token: string,
  secret: string,
  now = Math.floor(Date.now() / 1000),
): EmbedClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new EmbedTokenError('malformed', 'This is not an embed token.');
  const [header, payload, signature] = parts;
  let parsedHeader: { alg?: string };
  try {
    parsedHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
  } catch {
    throw new EmbedTokenError('malformed', 'This is not an embed token.');
  }
  if (parsedHeader.alg !== 'HS256')
    throw new EmbedTokenError('signature', 'Only HS256 embed tokens are accepted.');
  const expected = sign(`${header}.${payload}`, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new EmbedTokenError('signature', 'The link was altered or signed with another secret.');
  }
  let claims: EmbedClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new EmbedTokenError('malformed', 'The embed token payload is unreadable.');
  }
  if (typeof claims.exp !== 'number' || claims.exp <= now) {
    throw new EmbedTokenError('expired', 'This embed link has expired.');
  }
  if (
    typeof claims.env !== 'string' ||
    !EMBED_VIEWS.includes(claims.view) ||
    !Array.isArray(claims.filter)
  ) {
    throw new EmbedTokenError(
      'malformed',
      'The embed token lacks its environment, view or filter.',
    );
  }
  return claims;
}
