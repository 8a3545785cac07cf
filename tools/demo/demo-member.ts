import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { MembersRepository } from '../../src/members/members.repository';
import { MembersService } from '../../src/members/members.service';
import { hashPassword } from '../../src/members/password-hash';

export const DEMO_MEMBER_EMAIL = 'demo@example.com';

/**
 * The demo's owner, demo@example.com, with a generated password kept in DATA_DIR/demo-password
 * (mode 0600) so a restart prints the same one; a password that no longer works is replaced.
 */
export async function ensureDemoMember(
  app: INestApplication,
  dataDir: string,
): Promise<{ email: string; password: string }> {
  const members = app.get(MembersService);
  const file = join(dataDir, 'demo-password');
  const kept = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  if (kept && (await members.verifyLogin(DEMO_MEMBER_EMAIL, kept)))
    return { email: DEMO_MEMBER_EMAIL, password: kept };
  const password = `demo-${randomBytes(12).toString('base64url')}`;
  const existing = await members.findByEmail(DEMO_MEMBER_EMAIL);
  if (existing) {
    await app.get(MembersRepository).setPassword(existing.id, await hashPassword(password));
    await app.get(MembersRepository).setOwner(existing.id, true);
  } else {
    await members.create({ email: DEMO_MEMBER_EMAIL, name: 'Demo', password, owner: true });
  }
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return { email: DEMO_MEMBER_EMAIL, password };
}
