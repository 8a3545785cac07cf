import type { EmbeddedPostgresHandle } from '../../src/database/embedded-postgres';

declare global {
  var __NPS_TEST_DB__:
    | { databaseName: string; adminUrl: string; cluster?: EmbeddedPostgresHandle; dataDir?: string }
    | undefined;
}
export {};
