import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Global, Logger, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { SecretBox, generateEncryptionKeyEntry, parseEncryptionKeys } from './secret-box';

/**
 * ENCRYPTION_KEYS when configured; otherwise a key generated once under DATA_DIR
 * (`encryption-key`, mode 0600), which suits the embedded default and single-host installs.
 */
export function secretBoxFor(config: AppConfig): SecretBox {
  let entries = config.encryptionKeys;
  if (!entries) {
    const file = join(config.dataDir, 'encryption-key');
    if (!existsSync(file)) {
      mkdirSync(config.dataDir, { recursive: true });
      writeFileSync(file, `${generateEncryptionKeyEntry('local')}\n`, { mode: 0o600 });
      if (config.databaseUrl) {
        new Logger('Crypto').warn(
          `Generated ${file} to encrypt stored API keys; with a shared DATABASE_URL set ENCRYPTION_KEYS on every instance instead.`,
        );
      }
    }
    entries = readFileSync(file, 'utf8').trim();
  }
  const [current, ...previous] = parseEncryptionKeys(entries);
  return new SecretBox(current, previous);
}

@Global()
@Module({
  providers: [{ provide: SecretBox, useFactory: secretBoxFor, inject: [AppConfig] }],
  exports: [SecretBox],
})
export class CryptoModule {}
