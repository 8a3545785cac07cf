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
});
