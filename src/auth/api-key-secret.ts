import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'nps_';

/** A new random key: `nps_` + 32 random bytes in base64url (256 bits). */
export function generateApiKeySecret(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

/** Keys are random and long, so a fast hash is enough: there is nothing to brute-force. */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function displayPrefix(secret: string): string {
  return secret.slice(0, PREFIX.length + 6);
}

export function constantTimeEquals(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}

/** Extracts the credential from `Authorization: Bearer <key>`; null when absent or malformed. */
export function bearerToken(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
  return match ? match[1] : null;
}
