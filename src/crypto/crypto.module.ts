import { Global, Logger, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { EmbedSecret } from './embed-secret';
import { readOrCreateSecretFile } from './local-secret-file';
import { parseEncryptionKeys } from '../config/encryption-keys';
import { SecretBox, generateEncryptionKeyEntry } from './secret-box';

/**
 * ENCRYPTION_KEYS when configured; otherwise a key generated once under DATA_DIR
 * (`encryption-key`, mode 0600), which suits the embedded default and single-host installs.
 */
export function secretBoxFor(config: AppConfig): SecretBox {
  let entries = config.encryptionKeys;
  if (!entries) {
    const local = readOrCreateSecretFile(config.dataDir, 'encryption-key', () =>
      generateEncryptionKeyEntry('local'),
    );
    if (local.created && config.databaseUrl) {
      new Logger('Crypto').warn(
        `Generated ${local.file} to encrypt stored API keys; with a shared DATABASE_URL set ENCRYPTION_KEYS on every instance instead.`,
      );
    }
    entries = local.value;
  }
  const [current, ...previous] = parseEncryptionKeys(entries);
  return new SecretBox(current, previous);
}

@Global()
@Module({
  providers: [
    { provide: SecretBox, useFactory: secretBoxFor, inject: [AppConfig] },
    { provide: EmbedSecret, useFactory: EmbedSecret.fromConfig, inject: [AppConfig] },
  ],
  exports: [SecretBox, EmbedSecret],
})
export class CryptoModule {}
