import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiKeysService } from './api-keys.service';
import { Role } from './role';

/**
 * On the embedded default (a local install) with no BOOTSTRAP_ADMIN_KEY, the first start creates
 * a global ADMIN key and keeps its secret in DATA_DIR/admin-key (mode 0600), so the quick start
 * works without any setup. Returns the secret and where it is kept.
 */
export async function ensureLocalAdminKey(
  apiKeys: ApiKeysService,
  dataDir: string,
): Promise<{ secret: string; file: string }> {
  const file = join(dataDir, 'admin-key');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret && (await apiKeys.authenticate(secret))) return { secret, file };
  }
  const operator = {
    kind: 'bootstrap' as const,
    keyId: null,
    role: Role.ADMIN,
    environmentId: null,
  };
  const { secret } = await apiKeys.create(operator, {
    role: Role.ADMIN,
    name: 'local admin (embedded default)',
  });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return { secret, file };
}
