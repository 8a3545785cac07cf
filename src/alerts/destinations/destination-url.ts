import { literalAddress, nonPublicAddressReason } from '../../outbound/outbound-address';

/**
 * Why a webhook or Slack URL is refused, or null when it may be saved (and sent to): http or
 * https only; https and a public address (for IP literals; host names are checked when sending,
 * in the socket's own lookup) unless private URLs are allowed; no user name or password. Messages
 * never repeat the URL.
 */
export function destinationUrlProblem(raw: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    if ([...raw].some((char) => char.trim() === '' || char.charCodeAt(0) < 0x20))
      throw new Error('whitespace');
    url = new URL(raw);
  } catch {
    return 'must be an https URL such as https://hooks.example.com/nps';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `must be an http(s) URL; ${url.protocol.replace(':', '')} is refused`;
  if (url.protocol === 'http:' && !allowPrivate)
    return 'must use https (plain http only with ALERTS_ALLOW_PRIVATE_URLS=true)';
  if (url.username !== '' || url.password !== '') return 'must not contain a user name or password';
  if (!allowPrivate) {
    const address = literalAddress(url.hostname);
    const reason = address === null ? null : nonPublicAddressReason(address);
    if (reason !== null) return `must reach a public address, not a ${reason} one`;
  }
  return null;
}

/** Scheme, host and port of a URL: all that messages and logs show of it. */
export function originOf(raw: string): string {
  try {
    return new URL(raw).origin;
  } catch {
    return 'an invalid URL';
  }
}
