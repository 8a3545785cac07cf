import { randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { readOrCreateSecretFile } from './local-secret-file';

/** EMBED_SECRET, or one generated once under DATA_DIR. */
export class EmbedSecret {
  constructor(readonly value: string) {}

  static fromConfig(config: AppConfig): EmbedSecret {
    return new EmbedSecret(
      config.embedSecret ??
        readOrCreateSecretFile(config.dataDir, 'embed-secret', () =>
          randomBytes(32).toString('base64url'),
        ).value,
    );
  }
}
