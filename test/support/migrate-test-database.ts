import { createDataSource, runMigrationsLocked } from '../../src/database/data-source';

export async function runMigrationsOn(url: string): Promise<void> {
  const dataSource = await createDataSource(url, 2).initialize();
  try {
    await runMigrationsLocked(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
