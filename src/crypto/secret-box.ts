import type { EncryptionKey } from '../config/encryption-keys';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * AES-256-GCM envelopes `v1:<key id>:<iv>:<tag>:<ciphertext>` (base64url parts). The key id lets
 * old secrets be read after a new current key is configured (rotation).
 */
export class SecretBox {
  private readonly byId: Map<string, Buffer>;

  constructor(
    private readonly current: EncryptionKey,
    previous: EncryptionKey[] = [],
  ) {
    if (current.material.length !== 32) throw new Error('An encryption key must be 32 bytes.');
    this.byId = new Map([...previous, current].map((key) => [key.id, key.material]));
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.material, iv);
    cipher.setAAD(Buffer.from(`${VERSION}:${this.current.id}`));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.current.id, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (Buffer.isBuffer(part) ? part.toString('base64url') : part))
      .join(':');
  }

  decrypt(envelope: string): string {
    const [version, keyId, iv, tag, ciphertext] = envelope.split(':');
    if (version !== VERSION || !keyId || !iv || !tag || ciphertext === undefined) {
      throw new Error('Not an encrypted secret of a known format.');
    }
    const material = this.byId.get(keyId);
    if (!material)
      throw new Error(
        `The secret was encrypted with key "${keyId}", which is not configured (ENCRYPTION_KEYS).`,
      );
    const decipher = createDecipheriv('aes-256-gcm', material, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(`${VERSION}:${keyId}`));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  }

  /** Key id an envelope was sealed with, to find secrets that need re-encrypting. */
  static keyIdOf(envelope: string): string | undefined {
    return envelope.split(':')[1];
  }
}

export function generateEncryptionKeyEntry(id = 'local'): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}
