import { EnvReader } from './env-reader';

/** Read replicas that take the analytics reads (src/database/read-replicas.ts). */
export interface ReplicaSettings {
  /** postgres:// URLs of streaming replicas of DATABASE_URL's database; empty: none. */
  readonly urls: readonly string[];
  /** A replica further behind than this is skipped until it catches up. */
  readonly maxLagSeconds: number;
}

/** DATABASE_REPLICA_URLS (comma-separated) and REPLICA_MAX_LAG_SECONDS. URLs are never echoed. */
export function readReplicaSettings(reader: EnvReader): ReplicaSettings {
  const raw = reader.text('DATABASE_REPLICA_URLS');
  const urls = (raw ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  urls.forEach((url, index) => {
    let parsed: URL | null = null;
    try {
      parsed = new URL(url);
    } catch {
      // Reported below like any other value that is not a postgres URL.
    }
    if (
      parsed === null ||
      !['postgres:', 'postgresql:'].includes(parsed.protocol) ||
      !parsed.hostname
    )
      reader.refuse(
        `DATABASE_REPLICA_URLS: entry ${index + 1} must be a URL such as postgres://user:password@replica:5432/nps`,
      );
  });
  return { urls, maxLagSeconds: reader.integer('REPLICA_MAX_LAG_SECONDS', 10, 0, 86_400) };
}
