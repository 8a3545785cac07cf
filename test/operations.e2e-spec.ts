import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import {
  createDataSource,
  pendingSchemaChanges,
  runMigrationsLocked,
} from '../src/database/data-source';
import { TestApp, startTestApp } from './support/test-app';

describe('operations', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp();
  });
  afterAll(() => test.close());

  it('reports health with the database status', async () => {
    const response = await test.http.get('/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', database: { status: 'up' } });
    expect(response.body.database.version).toMatch(/^\d+/);
  });

  it('gives every response a request id and keeps a sane incoming one', async () => {
    const generated = await test.http.get('/health');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await test.http.get('/health').set('x-request-id', 'trace-123');
    expect(kept.headers['x-request-id']).toBe('trace-123');
    const replaced = await test.http.get('/health').set('x-request-id', 'bad id with spaces');
    expect(replaced.headers['x-request-id']).not.toBe('bad id with spaces');
  });

  it('serves the client page at /', async () => {
    const response = await test.http.get('/').expect(200);
    expect(response.text).toMatch(/<title>NPS analytics<\/title>/);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await test.http.get('/api/nothing-here').expect(404);
    expect(response.body.statusCode).toBe(404);
  });

  it('serves exactly the schema committed in schema.gql', () => {
    const served = printSchema(lexicographicSortSchema(test.app.get(GraphQLSchemaHost).schema));
    const committed = readFileSync(join(__dirname, '..', 'schema.gql'), 'utf8');
    expect(committed.slice(committed.indexOf('\n\n') + 2).trim()).toBe(served.trim());
  });

  it('has migrated the database to exactly what the entities describe, and re-running changes nothing', async () => {
    const dataSource = await createDataSource(process.env.NPS_TEST_DATABASE_URL!, 2).initialize();
    try {
      expect(await runMigrationsLocked(dataSource)).toEqual([]);
      expect(await pendingSchemaChanges(dataSource)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
