import { isPublicAddress, literalAddress, nonPublicAddressReason } from './outbound-address';

// Pure classification: nothing here opens a connection.
describe('nonPublicAddressReason', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['169.254.0.1', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.1', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456:789a::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'ipv4Mapped'],
    ['::ffff:7f00:1', 'ipv4Mapped'],
    ['::ffff:169.254.169.254', 'ipv4Mapped'],
    ['::ffff:8.8.8.8', 'ipv4Mapped'],
    ['64:ff9b::a00:1', 'rfc6052'],
    ['2002:7f00:1::', '6to4'],
    ['2001:0:4136:e378::1', 'teredo'],
    ['2001:db8::1', 'reserved'],
    ['::7f00:1', 'outside global unicast'],
    ['localhost', 'not an IP address'],
    ['', 'not an IP address'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(nonPublicAddressReason(address)).toBe(reason);
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '52.4.12.9',
    '172.32.0.1',
    '2606:4700:4700::1111',
    '2a00:1450::1',
  ])('allows the public address %s', (address) => {
    expect(nonPublicAddressReason(address)).toBeNull();
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe('literalAddress', () => {
  it('reads IP literals of URL hosts and leaves host names alone', () => {
    expect(literalAddress(new URL('http://127.0.0.1:9/v1').hostname)).toBe('127.0.0.1');
    expect(literalAddress(new URL('http://[::1]:9/v1').hostname)).toBe('::1');
    expect(literalAddress(new URL('http://[::ffff:127.0.0.1]/').hostname)).toBe('::ffff:7f00:1');
    // The URL parser turns the numeric forms into dotted quads first.
    expect(literalAddress(new URL('http://2130706433/').hostname)).toBe('127.0.0.1');
    expect(literalAddress(new URL('http://0x7f.1/').hostname)).toBe('127.0.0.1');
    expect(literalAddress(new URL('https://api.delighted.com/v1').hostname)).toBeNull();
    expect(literalAddress('localhost')).toBeNull();
  });
});
