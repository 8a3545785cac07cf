/**
 * A separate process that runs one environment's comment analysis job, so a test can kill it
 * (SIGKILL) between or inside batches. Env: NPS_TEST_DATABASE_URL, WORKER_ENVIRONMENT_ID,
 * COMMENT_ANALYSIS_BATCH.
 */
import 'reflect-metadata';
import { createApp } from '../../src/app.factory';
import { CommentAnalysisService } from '../../src/comments/comment-analysis.service';
import { loadConfig } from '../../src/config/app-config';
import { JsonLogger } from '../../src/logging/json-logger';

async function main(): Promise<void> {
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: process.env.NPS_TEST_DATABASE_URL,
    RUN_MIGRATIONS: 'false',
    DELIGHTED_SYNC_ENABLED: 'false',
    COMMENT_ANALYSIS_ENABLED: 'false',
  });
  const app = await createApp(config, config.databaseUrl!, new JsonLogger('error'));
  process.stdout.write('ready\n');
  await app.get(CommentAnalysisService).run(process.env.WORKER_ENVIRONMENT_ID!);
  await app.close();
}

void main();
