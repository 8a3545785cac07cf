/**
 * The demo (`npm run demo`): the service on the embedded PostgreSQL, a "Demo product"
 * environment with synthetic users and activity (engaged users do more and score higher),
 * the bundled Delighted simulator connected as its source, and the backfill running.
 */
import 'reflect-metadata';
import { createApp, listenOn } from '../src/app.factory';
import { ApiKeysService } from '../src/auth/api-keys.service';
import { ensureLocalAdminKey } from '../src/auth/local-admin-key';
import { Principal } from '../src/auth/principal';
import { Role } from '../src/auth/role';
import { ConfigValidationError, loadConfig } from '../src/config/app-config';
import { startupFailureText } from '../src/config/startup-error';
import { prepareDatabase } from '../src/database/database-bootstrap';
import { findFreePort } from '../src/database/embedded-postgres';
import { DelightedSimulator } from '../tools/delighted-simulator/delighted-simulator';
import { DelightedSourceService } from '../src/sources/delighted/delighted-source.service';
import { generateDemoData } from '../tools/demo/demo-data';
import { ensureDemoMember } from '../tools/demo/demo-member';
import { EnvironmentsService } from '../src/environments/environments.service';
import { IngestionService } from '../src/ingestion/ingestion.service';
import { JsonLogger } from '../src/logging/json-logger';

const DEMO_ENVIRONMENT = 'Demo product';
const DEMO_DELIGHTED_KEY = 'demo_delighted_key';
const OPERATOR: Principal = {
  kind: 'bootstrap',
  keyId: null,
  role: Role.ADMIN,
  environmentId: null,
};

async function main(): Promise<void> {
  let config;
  try {
    // The demo syncs every minute so new simulated responses show up quickly. Its Delighted
    // simulator listens on 127.0.0.1, so private addresses are allowed whatever the environment says.
    config = loadConfig({
      DELIGHTED_SYNC_CRON: '* * * * *',
      LOG_LEVEL: 'warn',
      ...process.env,
      DELIGHTED_ALLOW_PRIVATE_URLS: 'true',
    });
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const logger = new JsonLogger(config.logLevel);
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say('Starting the NPS analytics demo…');
  const database = await prepareDatabase(config, logger);
  const app = await createApp(config, database.url, logger);
  await listenOn(app, config);
  const url = `http://localhost:${config.port}`;

  const now = Math.floor(Date.now() / 1000);
  const data = generateDemoData({ people: 3000, seed: 2026, endAt: now - 3600 });
  const simulator = new DelightedSimulator({
    apiKey: DEMO_DELIGHTED_KEY,
    responses: data.responses,
  });
  await simulator.start(await findFreePort(4010));
  // Slow pages a little so the backfill's progress can be watched.
  simulator.setFaultRate({ slow: 1 }, 1, { delayMs: 250 });

  const environments = app.get(EnvironmentsService);
  let environment = (await environments.list(OPERATOR)).find(
    (candidate) => candidate.name === DEMO_ENVIRONMENT,
  );
  if (!environment) {
    environment = await environments.create(OPERATOR, DEMO_ENVIRONMENT, 'Europe/Berlin');
    await environments.setEmailProperty(OPERATOR, environment.id, 'email');
    const ingestion = app.get(IngestionService);
    const users = data.people.filter((person) => person.hasUser);
    say(`Loading ${users.length} users and ${data.events.length} activity events…`);
    for (let start = 0; start < users.length; start += 1000) {
      await ingestion.addUserProperties(OPERATOR, {
        app_id: environment.id,
        users: users.slice(start, start + 1000).map((person) => ({
          identity: person.identity,
          properties: { email: person.productEmail, plan: person.plan },
        })),
      });
    }
    for (let start = 0; start < data.events.length; start += 1000) {
      await ingestion.track(OPERATOR, {
        app_id: environment.id,
        events: data.events.slice(start, start + 1000),
      });
    }
  }
  const sources = app.get(DelightedSourceService);
  const source = await sources.connect(OPERATOR, {
    environmentId: environment.id,
    apiKey: DEMO_DELIGHTED_KEY,
    apiUrl: simulator.baseUrl,
    // Marked as the demo's: a later `npm start` on this data folder skips it with a notice.
    origin: 'DEMO',
  });
  const backfill = source.backfill.completedAt
    ? `backfill done earlier (${source.backfill.responsesDone} responses); new ones sync every minute`
    : 'backfill running';

  const adminKey = config.bootstrapAdminKey
    ? { secret: config.bootstrapAdminKey, file: 'BOOTSTRAP_ADMIN_KEY' }
    : await ensureLocalAdminKey(app.get(ApiKeysService), config.dataDir);
  const demoMember = await ensureDemoMember(app, config.dataDir);
  say('');
  say(`  Dashboard:    ${url}/`);
  say(
    `  Sign in as:   ${demoMember.email} / ${demoMember.password}   (owner; kept in ${config.dataDir}/demo-password)`,
  );
  say(`  GraphQL:      ${url}/graphql`);
  say(`  Admin key:    ${adminKey.secret}   (kept in ${adminKey.file})`);
  say(`  Environment:  ${environment.id} ("${DEMO_ENVIRONMENT}")`);
  say(
    `  Delighted:    simulator at ${simulator.baseUrl} (key ${DEMO_DELIGHTED_KEY}), ${data.responses.length} responses; ${backfill}`,
  );
  say('');
  say('  Press Ctrl+C to stop.');

  // A new response every 20 s, from a random person, scored by their engagement.
  let next = 0;
  const trickle = setInterval(() => {
    const person = data.people[(next++ * 7919) % data.people.length];
    const score = Math.max(0, Math.min(10, Math.round(3.2 + 7 * person.engagement)));
    simulator.addResponse({
      person: { id: person.id, email: person.surveyEmail },
      score,
      created_at: Math.floor(Date.now() / 1000),
    });
  }, 20_000);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(trickle);
    await app.close();
    await simulator.stop();
    await database.embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`${startupFailureText(error)}\n`);
  process.exit(1);
});
