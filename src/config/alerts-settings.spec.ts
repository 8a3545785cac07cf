import { readAlertsSettings } from './alerts-settings';
import { EnvReader } from './env-reader';

const read = (env: Record<string, string>) => {
  const reader = new EnvReader(env);
  return { settings: readAlertsSettings(reader), problems: reader.problems };
};

describe('readAlertsSettings', () => {
  it('defaults to every 5 minutes, 8 attempts from 30 s, public https URLs only', () => {
    expect(read({})).toEqual({
      problems: [],
      settings: {
        evaluateCron: '*/5 * * * *',
        scheduleEnabled: true,
        deliveryEnabled: true,
        retryBaseSeconds: 30,
        maxAttempts: 8,
        allowPrivateUrls: false,
        deliveryTimeoutMs: 10_000,
        deliveryLeaseSeconds: 120,
        deliveryPollMs: 1000,
        deliveryConcurrency: 32,
      },
    });
  });

  it('names each bad variable', () => {
    const { problems } = read({
      ALERTS_EVALUATE_CRON: 'every five minutes',
      ALERTS_RETRY_BASE_SECONDS: '-1',
      ALERTS_ALLOW_PRIVATE_URLS: 'yes',
      ALERTS_DELIVERY_TIMEOUT_MS: '30000',
      ALERTS_DELIVERY_LEASE_SECONDS: '20',
    });
    expect(problems).toEqual([
      'ALERTS_EVALUATE_CRON="every five minutes" must be a cron expression such as "*/5 * * * *"',
      expect.stringMatching(
        /^ALERTS_DELIVERY_LEASE_SECONDS \(20\) must be longer than ALERTS_DELIVERY_TIMEOUT_MS/,
      ),
      'ALERTS_RETRY_BASE_SECONDS="-1" must be a whole number from 0 to 3600',
      'ALERTS_ALLOW_PRIVATE_URLS="yes" must be true or false (or 1 or 0)',
    ]);
  });
});
