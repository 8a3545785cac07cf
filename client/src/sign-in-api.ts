/** The sign-in REST contract (README, Sign-in): JSON bodies, the session in an HttpOnly cookie. */
import { ApiError } from './api';

export interface SignedInMember {
  id: string;
  email: string;
  name: string;
}

export interface SignInOptions {
  sso: boolean;
  passwordResetByEmail: boolean;
}

/** POSTs JSON (which no cross-site form can send) and answers the body, or throws its message. */
export async function authPost<T = unknown>(path: string, body: unknown = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError('The service cannot be reached; check your connection.', 'NETWORK');
  }
  if (response.status === 204) return undefined as T;
  const payload = (await response.json().catch(() => ({}))) as {
    message?: string;
    error?: string;
    requestId?: string;
  };
  if (!response.ok) {
    const retry = response.headers.get('retry-after');
    throw new ApiError(
      payload.message ?? `The service answered ${response.status}.`,
      payload.error ?? String(response.status),
      undefined,
      undefined,
      payload.requestId ?? (retry ? `retry after ${retry} s` : undefined),
    );
  }
  return payload as T;
}

export async function signInOptions(): Promise<SignInOptions> {
  try {
    const response = await fetch('/auth/options');
    if (response.ok) return (await response.json()) as SignInOptions;
  } catch {
    // Offline: offer password and key sign-in only.
  }
  return { sso: false, passwordResetByEmail: false };
}

/** The one-time link in the address, if any: `#setup=…`, `#invitation=…`, `#reset=…`. */
export type LinkFlow = { kind: 'setup' | 'invitation' | 'reset'; token: string };

export function linkFlowFromHash(hash: string): LinkFlow | null {
  const match = /^#(setup|invitation|reset)=([\w-]{20,})$/.exec(hash);
  return match ? { kind: match[1] as LinkFlow['kind'], token: match[2] } : null;
}

/** An SSO refusal the service sent back: `#sign-in-error=…`. */
export function signInErrorFromHash(hash: string): string | null {
  const match = /^#sign-in-error=(.*)$/.exec(hash);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}
