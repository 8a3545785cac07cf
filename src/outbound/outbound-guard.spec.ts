import type { LookupAddress } from 'node:dns';
import { NonPublicAddressError, ResolveAll, publicOnlyLookup } from './outbound-guard';

// Resolvers are stand-ins, so no name is looked up and no connection is made.
function resolverOf(...answers: LookupAddress[][]): ResolveAll & { calls: number } {
  const resolve = ((_hostname, options, callback) => {
    expect(options.all).toBe(true);
    callback(null, answers[Math.min(resolve.calls++, answers.length - 1)]);
  }) as ResolveAll & { calls: number };
  resolve.calls = 0;
  return resolve;
}

function lookUp(
  resolve: ResolveAll,
  all: boolean,
): Promise<{ error: Error | null; address: unknown; family?: number }> {
  return new Promise((done) =>
    publicOnlyLookup(resolve)('api.example', { all }, (error, address, family) =>
      done({ error, address, family }),
    ),
  );
}

const PUBLIC: LookupAddress = { address: '52.4.12.9', family: 4 };
const PUBLIC_V6: LookupAddress = { address: '2606:4700::1', family: 6 };

describe('publicOnlyLookup', () => {
  it('passes public answers on in the form the socket asked for', async () => {
    expect(await lookUp(resolverOf([PUBLIC, PUBLIC_V6]), false)).toEqual({
      error: null,
      address: '52.4.12.9',
      family: 4,
    });
    expect(await lookUp(resolverOf([PUBLIC, PUBLIC_V6]), true)).toEqual({
      error: null,
      address: [PUBLIC, PUBLIC_V6],
      family: undefined,
    });
  });

  it.each([
    [{ address: '127.0.0.1', family: 4 }, 'loopback'],
    [{ address: '10.1.2.3', family: 4 }, 'private'],
    [{ address: '169.254.169.254', family: 4 }, 'linkLocal'],
    [{ address: '::1', family: 6 }, 'loopback'],
    [{ address: 'fd00::1', family: 6 }, 'uniqueLocal'],
    [{ address: '::ffff:10.0.0.1', family: 6 }, 'ipv4Mapped'],
  ])('refuses when any answer is %j (%s)', async (bad, reason) => {
    for (const all of [false, true]) {
      const { error } = await lookUp(resolverOf([PUBLIC, bad]), all);
      expect(error).toBeInstanceOf(NonPublicAddressError);
      expect(error).toMatchObject({ address: bad.address, reason });
    }
  });

  it('checks every resolution, so a name rebound to a private address after a check is refused', async () => {
    const resolve = resolverOf([PUBLIC], [{ address: '127.0.0.1', family: 4 }]);
    expect((await lookUp(resolve, false)).error).toBeNull();
    expect((await lookUp(resolve, false)).error).toBeInstanceOf(NonPublicAddressError);
    expect(resolve.calls).toBe(2);
  });

  it('passes resolver errors on and treats an empty answer as not found', async () => {
    const failing: ResolveAll = (_hostname, _options, callback) => {
      const error: NodeJS.ErrnoException = new Error('getaddrinfo ENOTFOUND api.example');
      error.code = 'ENOTFOUND';
      callback(error, []);
    };
    expect((await lookUp(failing, false)).error).toMatchObject({ code: 'ENOTFOUND' });
    expect((await lookUp(resolverOf([]), true)).error).toMatchObject({ code: 'ENOTFOUND' });
  });
});
