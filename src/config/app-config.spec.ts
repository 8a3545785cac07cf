import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigValidationError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: null,
      runMigrations: true,
      bootstrapAdminKey: null,
      maxBodyBytes: 5 * 1024 * 1024,
      maxImportBytes: 52_428_800,
      nodeEnv: 'production',
    });
    expect(config.dataDir).toMatch(/\.data$/);
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        BOOTSTRAP_ADMIN_KEY: 'short',
        RUN_MIGRATIONS: 'maybe',
        MAX_IMPORT_BYTES: '50MB',
      });
      throw new Error('expected a ConfigValidationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigValidationError);
      const problems = (error as ConfigValidationError).problems.join('\n');
      expect(problems).toMatch(/PORT="eighty"/);
      expect(problems).toMatch(/DATABASE_URL must start with postgres/);
      expect(problems).toMatch(/BOOTSTRAP_ADMIN_KEY must be at least 16/);
      expect(problems).toMatch(/RUN_MIGRATIONS="maybe" must be true or false/);
      expect(problems).toMatch(/MAX_IMPORT_BYTES="50MB" must be a whole number from 1024 to/);
    }
  });

  it.each(['yes', 'no', 'on', 'TRUE ish'])(
    'refuses RUN_MIGRATIONS=%s: only true, false, 1 or 0',
    (raw) => {
      expect(() => loadConfig({ RUN_MIGRATIONS: raw })).toThrow(
        /RUN_MIGRATIONS=".*" must be true or false \(or 1 or 0\)/,
      );
    },
  );

  it('reads true, false, 1 and 0, in any case', () => {
    expect(loadConfig({ RUN_MIGRATIONS: '0' }).runMigrations).toBe(false);
    expect(loadConfig({ RUN_MIGRATIONS: 'FALSE' }).runMigrations).toBe(false);
    expect(loadConfig({ RUN_MIGRATIONS: '1' }).runMigrations).toBe(true);
    expect(loadConfig({ RUN_MIGRATIONS: 'True' }).runMigrations).toBe(true);
  });

  it('refuses a DATA_DIR outside the working directory that does not exist, naming it', () => {
    const missing = join(tmpdir(), `nps-missing-${process.pid}-${Date.now()}`, 'data');
    expect(() => loadConfig({ DATA_DIR: missing })).toThrow(
      new RegExp(
        `DATA_DIR=".*" does not exist; create it first \\(mkdir -p ${missing.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\)`,
      ),
    );
  });

  it('takes an existing DATA_DIR anywhere, and a missing one inside the working directory', () => {
    const existing = mkdtempSync(join(tmpdir(), 'nps-data-'));
    expect(loadConfig({ DATA_DIR: existing }).dataDir).toBe(existing);
    expect(loadConfig({ DATA_DIR: 'not-yet/here' }).dataDir).toBe(resolve('not-yet/here'));
  });

  it('reads the values it is given', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@h:5432/d',
      RUN_MIGRATIONS: 'false',
      NODE_ENV: 'development',
      MAX_IMPORT_BYTES: '2048',
    });
    expect(config.port).toBe(8080);
    expect(config.maxImportBytes).toBe(2048);
    expect(config.databaseUrl).toBe('postgres://u@h:5432/d');
    expect(config.runMigrations).toBe(false);
    expect(config.isDevelopment).toBe(true);
  });

  it('builds embed links on PUBLIC_URL, http://localhost:<PORT> when unset', () => {
    expect(loadConfig({}).publicUrl).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PUBLIC_URL: 'https://NPS.example.com/' }).publicUrl).toBe(
      'https://nps.example.com',
    );
    expect(loadConfig({ PUBLIC_URL: 'http://host.example:8443/analytics//' }).publicUrl).toBe(
      'http://host.example:8443/analytics',
    );
  });

  it.each([
    ['javascript:alert(1)', /PUBLIC_URL must be an absolute http\(s\) URL/],
    ['javascript://evil.example/%0aalert(1)', /PUBLIC_URL must be an absolute http\(s\) URL/],
    ['ftp://files.example', /PUBLIC_URL must be an absolute http\(s\) URL/],
    ['//evil.example', /PUBLIC_URL must be an absolute http\(s\) URL/],
    ['nps.example.com', /PUBLIC_URL must be an absolute http\(s\) URL/],
    ['http://', /PUBLIC_URL must be an absolute http\(s\) URL/],
    ['https://admin:hunter2@nps.example.com', /PUBLIC_URL must not contain credentials/],
    ['https://nps.example.com/?via=link', /PUBLIC_URL must not contain a query/],
    ['https://nps.example.com/?', /PUBLIC_URL must not contain a query/],
    ['https://nps.example.com/#top', /PUBLIC_URL must not contain a fragment/],
  ])('refuses PUBLIC_URL=%s at boot, naming the variable', (value, message) => {
    let problems = '';
    try {
      loadConfig({ PUBLIC_URL: value });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigValidationError);
      problems = (error as ConfigValidationError).problems.join('\n');
    }
    expect(problems).toMatch(message);
    // The value may hold a password: the message names the variable, never repeats the value.
    expect(problems).not.toContain('hunter2');
  });

  it('calls only public Delighted addresses unless DELIGHTED_ALLOW_PRIVATE_URLS is true', () => {
    expect(loadConfig({}).delightedAllowPrivateUrls).toBe(false);
    expect(loadConfig({ DELIGHTED_ALLOW_PRIVATE_URLS: 'true' }).delightedAllowPrivateUrls).toBe(
      true,
    );
    expect(() => loadConfig({ DELIGHTED_ALLOW_PRIVATE_URLS: 'sometimes' })).toThrow(
      /DELIGHTED_ALLOW_PRIVATE_URLS="sometimes" must be true or false/,
    );
    expect(() => loadConfig({ DELIGHTED_API_URL: 'http://127.0.0.1:4010/v1' })).toThrow(
      /DELIGHTED_API_URL points to a non-public address \(loopback\); set DELIGHTED_ALLOW_PRIVATE_URLS=true/,
    );
    expect(
      loadConfig({
        DELIGHTED_API_URL: 'http://127.0.0.1:4010/v1/',
        DELIGHTED_ALLOW_PRIVATE_URLS: 'true',
      }).delightedApiUrl,
    ).toBe('http://127.0.0.1:4010/v1');
  });

  it('refuses credentials in DELIGHTED_API_URL without repeating them', () => {
    try {
      loadConfig({ DELIGHTED_API_URL: 'https://user:hunter2-secret@api.delighted.com/v1' });
      throw new Error('expected a ConfigValidationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigValidationError);
      expect((error as Error).message).toMatch(
        /DELIGHTED_API_URL must not contain a user name or password/,
      );
      expect((error as Error).message).not.toContain('hunter2-secret');
    }
  });

  it('turns introspection on in development only, unless GRAPHQL_INTROSPECTION says otherwise', () => {
    expect(loadConfig({}).graphqlIntrospection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).graphqlIntrospection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).graphqlIntrospection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development' }).graphqlIntrospection).toBe(true);
    expect(
      loadConfig({ NODE_ENV: 'development', GRAPHQL_INTROSPECTION: 'false' }).graphqlIntrospection,
    ).toBe(false);
    expect(
      loadConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }).graphqlIntrospection,
    ).toBe(true);
    expect(() => loadConfig({ GRAPHQL_INTROSPECTION: 'on' })).toThrow(
      /GRAPHQL_INTROSPECTION="on" must be true or false/,
    );
  });

  it('bounds GraphQL requests and analytics work by default, below the pool', () => {
    expect(loadConfig({})).toMatchObject({
      graphqlMaxFields: 1000,
      graphqlMaxTokens: 50_000,
      analyticsMaxCostPerRequest: 100_000,
      analyticsMaxCostPerMinute: 1_000_000,
      analyticsMaxConcurrency: 5,
    });
    expect(loadConfig({ DATABASE_POOL_SIZE: '4' }).analyticsMaxConcurrency).toBe(2);
    expect(loadConfig({ DATABASE_POOL_SIZE: '1' }).analyticsMaxConcurrency).toBe(1);
  });

  it('refuses analytics concurrency that would take the whole pool, and a minute budget below one request', () => {
    try {
      loadConfig({
        DATABASE_POOL_SIZE: '4',
        ANALYTICS_MAX_CONCURRENCY: '4',
        ANALYTICS_MAX_COST_PER_REQUEST: '5000',
        ANALYTICS_MAX_COST_PER_MINUTE: '4999',
        GRAPHQL_MAX_FIELDS: 'many',
      });
      throw new Error('expected a ConfigValidationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigValidationError);
      const problems = (error as ConfigValidationError).problems.join('\n');
      expect(problems).toMatch(/ANALYTICS_MAX_CONCURRENCY=4 must be below DATABASE_POOL_SIZE=4/);
      expect(problems).toMatch(
        /ANALYTICS_MAX_COST_PER_MINUTE=4999 must be at least ANALYTICS_MAX_COST_PER_REQUEST=5000/,
      );
      expect(problems).toMatch(/GRAPHQL_MAX_FIELDS="many" must be a whole number/);
    }
  });

  it('sends no email without SMTP_URL and takes the From from PUBLIC_URL by default', () => {
    expect(loadConfig({}).mail).toEqual({
      smtpUrl: null,
      from: 'NPS Analytics <nps@localhost>',
    });
    expect(loadConfig({ PUBLIC_URL: 'https://nps.example.com' }).mail.from).toBe(
      'NPS Analytics <nps@nps.example.com>',
    );
    const mail = loadConfig({
      SMTP_URL: 'smtps://mailer:s3cret@smtp.example.com:465',
      MAIL_FROM: 'alerts@example.com',
    }).mail;
    expect(mail).toEqual({
      smtpUrl: 'smtps://mailer:s3cret@smtp.example.com:465',
      from: 'alerts@example.com',
    });
  });

  it.each(['https://smtp.example.com', 'smtp.example.com:587', 'smtp://'])(
    'refuses SMTP_URL=%s without echoing it (it may hold a password)',
    (raw) => {
      try {
        loadConfig({ SMTP_URL: raw.replace('example', 'pa55word') });
        throw new Error('expected a ConfigValidationError');
      } catch (error) {
        const problems = (error as ConfigValidationError).problems.join('\n');
        expect(problems).toMatch(/SMTP_URL must be smtp:\/\/\[user:password@\]host/);
        expect(problems).not.toContain('pa55word');
      }
    },
  );

  it('refuses a MAIL_FROM that is not an address', () => {
    expect(() => loadConfig({ MAIL_FROM: 'NPS Analytics' })).toThrow(
      /MAIL_FROM="NPS Analytics" must be an address/,
    );
  });
});
