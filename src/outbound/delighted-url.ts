import { literalAddress, nonPublicAddressReason } from './outbound-address';

/** A URL the service refuses to call; the message names the setting and never repeats the URL. */
export class DelightedUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DelightedUrlError';
  }
}

export interface DelightedApiTarget {
  /** Normalised base, without a trailing slash: `https://api.delighted.com/v1`. */
  baseUrl: string;
  /** Scheme, host and port only: what messages may show. */
  origin: string;
}

/**
 * Checks a Delighted API base URL: http(s), no user name or password (the key travels in the
 * Authorization header), no query or fragment (paths and queries are appended to it).
 * `name` is the argument or variable the URL came from. Messages never echo the URL: it may
 * carry credentials.
 */
export function parseDelightedApiUrl(raw: string, name: string): DelightedApiTarget {
  const example = 'such as https://api.delighted.com/v1';
  let url: URL;
  try {
    // The URL parser would quietly drop tabs and newlines; such input is not a typed URL.
    if ([...raw].some((char) => char.trim() === '' || char.charCodeAt(0) < 0x20))
      throw new Error('whitespace or control character');
    url = new URL(raw);
  } catch {
    throw new DelightedUrlError(`${name} must be an http(s) URL ${example}.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DelightedUrlError(`${name} must be an http(s) URL ${example}.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new DelightedUrlError(
      `${name} must not contain a user name or password: the Delighted API key is sent separately.`,
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw new DelightedUrlError(`${name} must not have a query or fragment (${example}).`);
  }
  return { baseUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}`, origin: url.origin };
}

/** Why the origin's host, when it is an IP literal, may not be called; null for host names. */
export function literalHostRefusal(origin: string): string | null {
  const address = literalAddress(new URL(origin).hostname);
  return address === null ? null : nonPublicAddressReason(address);
}

/** The URL with any user name and password removed, for showing URLs stored before they were refused. */
export function withoutCredentials(url: string): string {
  return url.replace(/^([a-z][a-z\d+.-]*:\/\/)[^/?#]*@/i, '$1');
}
