import ipaddr from 'ipaddr.js';

const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');

/**
 * Why an address may not be called from the server, or null when it is a public unicast
 * address. An allow-list: only ipaddr.js's `unicast` range passes (IPv6 only inside 2000::/3),
 * so private, loopback, link-local (cloud metadata at 169.254.169.254), unique-local,
 * IPv4-mapped and other IPv4-embedding IPv6 forms, unspecified, multicast, broadcast, CGNAT and
 * reserved ranges are all refused, as is anything that does not parse.
 */
export function nonPublicAddressReason(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(bare)) return 'not an IP address';
  const parsed = ipaddr.parse(bare);
  const range = parsed.range();
  if (range !== 'unicast') return range;
  if (parsed instanceof ipaddr.IPv6 && !parsed.match(GLOBAL_UNICAST_V6))
    return 'outside global unicast';
  return null;
}

export function isPublicAddress(address: string): boolean {
  return nonPublicAddressReason(address) === null;
}

/** The URL host as an IP address (brackets of IPv6 removed), or null for a host name. */
export function literalAddress(hostname: string): string | null {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return ipaddr.isValid(bare) && /^[\d.]+$|:/.test(bare) ? bare : null;
}
