import { hashPassword, verifyAgainstDummy, verifyPassword } from './password-hash';

describe('password hashes (scrypt, OWASP parameters)', () => {
  it('verifies the password it was made from and nothing else', async () => {
    const stored = await hashPassword('violet-harbour');
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(stored).not.toContain('violet-harbour');
    await expect(verifyPassword('violet-harbour', stored)).resolves.toBe(true);
    await expect(verifyPassword('violet-harbouR', stored)).resolves.toBe(false);
  });

  it('salts: the same password hashes differently twice', async () => {
    expect(await hashPassword('same password here')).not.toBe(
      await hashPassword('same password here'),
    );
  });

  it('refuses a malformed stored hash, and the dummy check is always false', async () => {
    await expect(verifyPassword('x', 'plain-text')).resolves.toBe(false);
    await expect(verifyAgainstDummy('anything at all')).resolves.toBe(false);
  });
});
