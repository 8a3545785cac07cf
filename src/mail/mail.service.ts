import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config';

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  /** Plain-text body: every message has one, for clients that show no HTML. */
  readonly text: string;
  readonly html: string;
  /** Extra headers, e.g. a stable id that lets a resend be recognised. */
  readonly headers?: Readonly<Record<string, string>>;
}

export class MailNotConfiguredError extends Error {
  constructor() {
    super('Email is not configured: set SMTP_URL (smtp://user:password@host:587) to send email');
  }
}

/**
 * A message the SMTP server did not take. `permanent` (a 5xx reply, e.g. an unknown mailbox):
 * sending it again will not help; otherwise (4xx, timeout, connection refused) a retry may.
 * The message never holds the SMTP password.
 */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export const MAIL_TIMEOUT_MS = 15_000;

/** Sends email through SMTP_URL with nodemailer; one pooled transport per process. */
@Injectable()
export class MailService implements OnModuleDestroy {
  private transport: Transporter | null = null;

  constructor(private readonly config: AppConfig) {}

  get configured(): boolean {
    return this.config.mail.smtpUrl !== null;
  }

  /** Resolves with the SMTP server's message id once the server has accepted the message. */
  async send(message: MailMessage): Promise<{ messageId: string }> {
    const transport = this.transportOrThrow();
    try {
      const info = (await transport.sendMail({
        from: this.config.mail.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: message.headers ? { ...message.headers } : undefined,
      })) as { messageId: string };
      return { messageId: info.messageId };
    } catch (error) {
      throw deliveryError(error);
    }
  }

  onModuleDestroy(): void {
    this.transport?.close();
    this.transport = null;
  }

  private transportOrThrow(): Transporter {
    const url = this.config.mail.smtpUrl;
    if (url === null) throw new MailNotConfiguredError();
    this.transport ??= createTransport({
      url,
      connectionTimeout: MAIL_TIMEOUT_MS,
      greetingTimeout: MAIL_TIMEOUT_MS,
      socketTimeout: MAIL_TIMEOUT_MS,
      // nodemailer's own logger would print the envelope; the service logs what it needs.
      logger: false,
    });
    return this.transport;
  }
}

function deliveryError(error: unknown): MailDeliveryError {
  const failure = error as { responseCode?: number; code?: string; message?: string };
  const code = failure.responseCode;
  const permanent = code !== undefined && code >= 500 && code < 600;
  const reason =
    code !== undefined
      ? `the SMTP server answered ${code}: ${(failure.message ?? '').replace(/^.*?:\s*/, '')}`
      : `${failure.code ?? 'error'}: ${failure.message ?? String(error)}`;
  return new MailDeliveryError(
    `Email not sent (${reason})`.replace(/\/\/[^@/\s]*@/g, '//'),
    permanent,
  );
}
