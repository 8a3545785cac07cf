import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A secret kept in DATA_DIR/<name> (mode 0600), generated on first use: what the embedded default
 * and single-host installs use when the secret is not configured. Returns it and whether it was
 * just created.
 */
export function readOrCreateSecretFile(
  dataDir: string,
  name: string,
  generate: () => string,
): { value: string; created: boolean; file: string } {
  const file = join(dataDir, name);
  if (existsSync(file)) return { value: readFileSync(file, 'utf8').trim(), created: false, file };
  mkdirSync(dataDir, { recursive: true });
  const value = generate();
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return { value, created: true, file };
}
