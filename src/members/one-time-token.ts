import { createHash, randomBytes } from 'node:crypto';

/** A new secret for a link or a session: 32 random bytes, base64url (256 bits). */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are random and long, so SHA-256 is enough to store them: nothing to brute-force. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Emails compare trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

export function isEmail(value: string): boolean {
  return value.length <= 320 && EMAIL.test(value.trim());
}
