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
});
