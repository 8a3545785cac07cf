import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root';

/** Where the explorer's page (built by `npm run client:build`) and the published schema live. */
export interface ExplorerFiles {
  /** client/dist/explorer/index.html, or null when the client has not been built. */
  page: string | null;
  /** The committed schema.gql, the schema the explorer shows. */
  schemaFile: string;
}

/** Read once at start-up, like the dashboard's build: a rebuild needs a restart. */
export function explorerFiles(root: string = projectRoot()): ExplorerFiles {
  const page = join(root, 'client', 'dist', 'explorer', 'index.html');
  return {
    page: existsSync(page) ? readFileSync(page, 'utf8') : null,
    schemaFile: join(root, 'schema.gql'),
  };
}
