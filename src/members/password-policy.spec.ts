import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  const email = 'ada.lovelace@example.com';

  it('accepts 12 characters that are neither the email nor a common password', () => {
    expect(passwordProblem('violet-harbour', email)).toBeNull();
  });

  it('refuses 11 characters, counting characters rather than UTF-16 units', () => {
    expect(passwordProblem('abcdefghijk', email)).toMatch(/at least 12 characters/);
    // 11 emoji are 22 UTF-16 units but still 11 characters.
    expect(passwordProblem('😀'.repeat(11), email)).toMatch(/at least 12/);
  });

  it('refuses the email and its local part, whatever the case', () => {
    expect(passwordProblem('Ada.Lovelace@Example.com', email)).toMatch(/email/);
    expect(passwordProblem('ADA.LOVELACE', email)).toMatch(/email/);
  });

  it('refuses a shipped common password in any case', () => {
    expect(passwordProblem('Password1234', email)).toMatch(/common/);
    expect(passwordProblem('QWERTY123456', email)).toMatch(/common/);
  });

  it('refuses a non-string and a password longer than 1024 characters', () => {
    expect(passwordProblem(42, email)).toMatch(/string/);
    expect(passwordProblem('x'.repeat(1025), email)).toMatch(/at most 1024/);
  });
});
