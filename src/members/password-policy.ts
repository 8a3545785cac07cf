import { COMMON_PASSWORDS } from './common-passwords';

export const MIN_PASSWORD_LENGTH = 12;
/** Beyond this a password is refused: hashing megabytes would be a cheap way to load the server. */
export const MAX_PASSWORD_LENGTH = 1024;

/**
 * Why a new password is refused, or null when it is acceptable: at least 12 characters, not the
 * email (nor its local part), not one of the shipped common passwords.
 */
export function passwordProblem(password: unknown, email: string): string | null {
  if (typeof password !== 'string') return 'password must be a string.';
  if ([...password].length < MIN_PASSWORD_LENGTH)
    return `password must be at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `password must be at most ${MAX_PASSWORD_LENGTH} characters.`;
  const lower = password.trim().toLowerCase();
  const address = email.trim().toLowerCase();
  if (lower === address || lower === address.split('@')[0])
    return 'password must not be your email address.';
  if (COMMON_PASSWORDS.has(lower))
    return 'password is one of the most common passwords; choose another (a few unrelated words work well).';
  return null;
}
