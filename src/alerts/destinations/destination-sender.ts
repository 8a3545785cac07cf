import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { SecretBox } from '../../crypto/secret-box';
import { MailDeliveryError, MailNotConfiguredError, MailService } from '../../mail/mail.service';
import type { AlertDestinationEntity } from '../rules/alert-destination.entity';
import { AlertMessage, emailBody, slackBody, webhookBody } from './alert-message';
import { AttemptResult, postJson } from './http-post';
import { signedHeaders } from './standard-webhooks';

/** A destination as the sender needs it; `secret` is the plain WEBHOOK signing secret. */
export type SendTarget = Pick<AlertDestinationEntity, 'kind' | 'url' | 'emailTo'> & {
  secret: string | null;
};

/** Sends one message to one destination, once: WEBHOOK (signed), SLACK (Block Kit) or EMAIL. */
@Injectable()
export class DestinationSender {
  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly secrets: SecretBox,
    private readonly mail: MailService,
  ) {}

  /** The target of a stored destination, its secret decrypted for signing. */
  targetOf(destination: AlertDestinationEntity): SendTarget {
    return {
      kind: destination.kind,
      url: destination.url,
      emailTo: destination.emailTo,
      secret: destination.secretCiphertext
        ? this.secrets.decrypt(destination.secretCiphertext)
        : null,
    };
  }

  /** One attempt. `webhookId` is the delivery's: the same on every attempt. */
  async send(target: SendTarget, message: AlertMessage, webhookId: string): Promise<AttemptResult> {
    const options = {
      allowPrivateUrls: this.config.alerts.allowPrivateUrls,
      timeoutMs: this.config.alerts.deliveryTimeoutMs,
    };
    switch (target.kind) {
      case 'WEBHOOK': {
        const body = webhookBody(message);
        const timestamp = Math.floor(Date.now() / 1000);
        return postJson(
          target.url!,
          body,
          signedHeaders(target.secret!, webhookId, timestamp, body),
          options,
        );
      }
      case 'SLACK':
        return postJson(target.url!, slackBody(message), {}, options);
      case 'EMAIL':
        return this.sendEmail(target.emailTo!, message, webhookId);
    }
  }

  private async sendEmail(
    to: string,
    message: AlertMessage,
    webhookId: string,
  ): Promise<AttemptResult> {
    try {
      await this.mail.send({
        to,
        ...emailBody(message),
        headers: { 'X-Alert-Id': webhookId, 'X-Alert-Event': message.eventId },
      });
      return { verdict: 'delivered', status: null, error: null, retryAfterSeconds: null };
    } catch (error) {
      if (error instanceof MailNotConfiguredError)
        return { verdict: 'stop', status: null, error: error.message, retryAfterSeconds: null };
      const permanent = error instanceof MailDeliveryError && error.permanent;
      return {
        verdict: permanent ? 'stop' : 'retry',
        status: null,
        error: (error as Error).message,
        retryAfterSeconds: null,
      };
    }
  }
}
