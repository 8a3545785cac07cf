import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error';
import { AppConfig } from '../config/app-config';
import { LoginThrottleRepository } from './login-throttle.repository';

/**
 * Brute-force brakes: after LOGIN_MAX_FAILURES failed sign-ins of one email (or
 * LOGIN_MAX_FAILURES_PER_IP from one address) within LOGIN_FAILURE_WINDOW_MINUTES, sign-in answers
 * 429 with Retry-After, even with the right password, until the window has moved past them. Kept
 * in the database, so every instance counts the same failures.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly failures: LoginThrottleRepository,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** Throws TOO_MANY_REQUESTS when the email or the address is throttled. */
  async check(emailNormalized: string, ip: string): Promise<void> {
    const { loginMaxFailures, loginMaxFailuresPerIp, loginWindowMs } = this.config.signIn;
    const [byEmail, byIp] = await Promise.all([
      this.failures.blockedUntil(
        'email_normalized',
        emailNormalized,
        loginMaxFailures,
        loginWindowMs,
      ),
      this.failures.blockedUntil('ip', ip, loginMaxFailuresPerIp, loginWindowMs),
    ]);
    const until = [byEmail, byIp]
      .filter((date): date is Date => date !== null)
      .reduce<Date | null>((latest, date) => (latest && latest > date ? latest : date), null);
    if (until === null) return;
    const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
    throw new AppError(
      'TOO_MANY_REQUESTS',
      `Too many failed sign-ins; try again in ${Math.ceil(seconds / 60)} minute${seconds > 60 ? 's' : ''}.`,
      { retryAfterSeconds: seconds },
    );
  }

  async recordFailure(emailNormalized: string, ip: string): Promise<void> {
    await this.failures.recordFailure(emailNormalized, ip);
    if (Math.random() < 0.05) await this.failures.deleteOlderThan(this.config.signIn.loginWindowMs);
  }

  clear(emailNormalized: string): Promise<void> {
    return this.failures.clearEmail(emailNormalized);
  }
}
