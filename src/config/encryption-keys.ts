/** ENCRYPTION_KEYS entries, parsed here so the config can refuse a bad value at boot. */

export interface EncryptionKey {
  id: string;
  /** 32 bytes. */
  material: Buffer;
}

/** Parses `id:base64key[,id:base64key…]`; the first is the current key. */
export function parseEncryptionKeys(value: string): EncryptionKey[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const separator = entry.indexOf(':');
      const id = entry.slice(0, separator);
      const material = Buffer.from(entry.slice(separator + 1), 'base64');
      if (separator < 1 || !/^[\w.-]{1,32}$/.test(id) || material.length !== 32) {
        throw new Error(`"${entry.slice(0, 12)}…" must be <id>:<base64 of 32 random bytes>`);
      }
      return { id, material };
    });
}
