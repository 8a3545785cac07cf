// The explorer's credentials: an API key pasted once, kept in this tab's sessionStorage (the
// dashboard's sign-in uses the same entry, so a tab signed in there is signed in here).

const KEY_STORAGE = 'nps.apiKey';

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function storedKey(): string | null {
  return storage()?.getItem(KEY_STORAGE) ?? null;
}

export function storeKey(key: string | null): void {
  if (key) storage()?.setItem(KEY_STORAGE, key);
  else storage()?.removeItem(KEY_STORAGE);
}

/**
 * Adds the caller's credentials to a request to this service: the one place that knows how the
 * explorer authenticates. A session cookie travels with `credentials: 'same-origin'` as is; the
 * bearer header would then go.
 */
export function withCredentials(init: RequestInit): RequestInit {
  const key = storedKey();
  const headers = new Headers(init.headers);
  if (key) headers.set('Authorization', `Bearer ${key}`);
  return { ...init, headers, credentials: 'same-origin' };
}
