import { createHash } from 'node:crypto';
import {
  bearerToken,
  constantTimeEquals,
  generateApiKeySecret,
  hashApiKeySecret,
} from './api-key-secret';

describe('API key secrets', () => {
  it('are long, random and prefixed', () => {
    const a = generateApiKeySecret();
    const b = generateApiKeySecret();
    expect(a).toMatch(/^nps_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });

  it('are stored as their SHA-256', () => {
    expect(hashApiKeySecret('nps_x')).toBe(createHash('sha256').update('nps_x').digest('hex'));
  });

  it('compare equal only when identical', () => {
    expect(constantTimeEquals('abc', 'abc')).toBe(true);
    expect(constantTimeEquals('abc', 'abd')).toBe(false);
    expect(constantTimeEquals('abc', 'abcd')).toBe(false);
  });

  it('are read from a Bearer header only', () => {
    expect(bearerToken('Bearer nps_abc')).toBe('nps_abc');
    expect(bearerToken('bearer   nps_abc ')).toBe('nps_abc');
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});
