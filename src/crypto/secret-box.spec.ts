import { randomBytes } from 'node:crypto';
import { parseEncryptionKeys } from '../config/encryption-keys';
import { SecretBox, generateEncryptionKeyEntry } from './secret-box';

const key = (id: string) => ({ id, material: randomBytes(32) });

describe('SecretBox', () => {
  it('round-trips a secret and never stores it in clear', () => {
    const box = new SecretBox(key('k1'));
    const sealed = box.encrypt('delighted-api-key-1234');
    expect(sealed).not.toContain('delighted-api-key');
    expect(sealed.startsWith('v1:k1:')).toBe(true);
    expect(box.decrypt(sealed)).toBe('delighted-api-key-1234');
  });

  it('uses a fresh IV each time', () => {
    const box = new SecretBox(key('k1'));
    expect(box.encrypt('same')).not.toBe(box.encrypt('same'));
  });

  it('reads secrets sealed with a previous key after rotation', () => {
    const old = key('old');
    const sealed = new SecretBox(old).encrypt('s3cret');
    const rotated = new SecretBox(key('new'), [old]);
    expect(rotated.decrypt(sealed)).toBe('s3cret');
    expect(SecretBox.keyIdOf(rotated.encrypt('x'))).toBe('new');
  });

  it('refuses tampered envelopes and unknown keys', () => {
    const box = new SecretBox(key('k1'));
    const parts = box.encrypt('s3cret').split(':');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => box.decrypt(parts.join(':'))).toThrow();
    expect(() => new SecretBox(key('other')).decrypt(box.encrypt('x'))).toThrow(/not configured/);
  });

  it('parses configured keys and rejects malformed ones', () => {
    const entry = generateEncryptionKeyEntry('a');
    expect(
      parseEncryptionKeys(`${entry}, ${generateEncryptionKeyEntry('b')}`).map((k) => k.id),
    ).toEqual(['a', 'b']);
    expect(() => parseEncryptionKeys('a:tooshort')).toThrow(/32 random bytes/);
  });
});
