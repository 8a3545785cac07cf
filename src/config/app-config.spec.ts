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
      });
      throw new Error('expected a ConfigValidationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigValidationError);
      const problems = (error as ConfigValidationError).problems.join('\n');
      expect(problems).toMatch(/PORT="eighty"/);
      expect(problems).toMatch(/DATABASE_URL must start with postgres/);
      expect(problems).toMatch(/BOOTSTRAP_ADMIN_KEY must be at least 16/);
      expect(problems).toMatch(/RUN_MIGRATIONS="maybe" must be true or false/);
    }
  });

  it('reads the values it is given', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@h:5432/d',
      RUN_MIGRATIONS: 'false',
      NODE_ENV: 'development',
    });
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe('postgres://u@h:5432/d');
    expect(config.runMigrations).toBe(false);
    expect(config.isDevelopment).toBe(true);
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
});
