import { LookupAddress, LookupOptions, lookup as dnsLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent } from 'undici';
import { nonPublicAddressReason } from './outbound-address';

/** A host name resolved to an address the service does not call (see outbound-address). */
export class NonPublicAddressError extends Error {
  readonly code = 'ERR_NON_PUBLIC_ADDRESS';
  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly reason: string,
  ) {
    super(`${hostname} resolved to ${address} (${reason}), which is not a public address`);
    this.name = 'NonPublicAddressError';
  }
}

export type ResolveAll = (
  hostname: string,
  options: LookupOptions & { all: true },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

const systemResolve: ResolveAll = (hostname, options, callback) =>
  dnsLookup(hostname, options, callback);

/**
 * A socket `lookup` that resolves every address of the host and refuses the connection when any
 * of them is not public. The socket then connects to an address checked here, so a DNS answer
 * that changes between a check and the connection (rebinding) cannot reach inside.
 */
export function publicOnlyLookup(resolve: ResolveAll = systemResolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', undefined);
      if (addresses.length === 0) {
        const notFound: NodeJS.ErrnoException = new Error(`${hostname} has no address`);
        notFound.code = 'ENOTFOUND';
        return callback(notFound, '', undefined);
      }
      for (const { address } of addresses) {
        const reason = nonPublicAddressReason(address);
        if (reason !== null)
          return callback(new NonPublicAddressError(hostname, address, reason), '', undefined);
      }
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

let publicOnly: Agent | undefined;
let unrestricted: Agent | undefined;

/** The HTTP agent of every Delighted request: public addresses only unless private ones are allowed. */
export function outboundAgent(allowPrivateAddresses: boolean): Agent {
  if (allowPrivateAddresses) return (unrestricted ??= new Agent());
  return (publicOnly ??= new Agent({ connect: { lookup: publicOnlyLookup() } }));
}
