import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerSession } from 'smtp-server';

/** One accepted message: the SMTP envelope and the parsed message. */
export interface CaughtMail {
  readonly envelopeFrom: string;
  readonly envelopeTo: string[];
  readonly parsed: ParsedMail;
}

export interface SmtpCatcher {
  /** smtp://user:password@127.0.0.1:<port>, for SMTP_URL. */
  readonly url: string;
  readonly messages: CaughtMail[];
  /** The next `count` messages are refused with `code` (e.g. 451 transient, 550 permanent). */
  refuseNext(count: number, code: number): void;
  /** Resolves once `count` messages have arrived in all. */
  waitForMessages(count: number, timeoutMs?: number): Promise<CaughtMail[]>;
  close(): Promise<void>;
}

/**
 * A real SMTP server (the smtp-server package) on a free localhost port that keeps what it
 * receives, for tests and benchmarks. It requires the user and password it was started with, so a
 * client that drops the credentials of SMTP_URL fails.
 */
export async function startSmtpCatcher(
  credentials = { user: 'mailer', password: 'catcher-secret' },
): Promise<SmtpCatcher> {
  const messages: CaughtMail[] = [];
  const waiters: Array<() => void> = [];
  const refusals: number[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === credentials.user && auth.password === credentials.password)
        callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session: SMTPServerSession, callback) {
      const refusal = refusals.shift();
      simpleParser(stream)
        .then((parsed) => {
          if (refusal !== undefined) {
            const error = new Error(`refused on request (${refusal})`) as Error & {
              responseCode: number;
            };
            error.responseCode = refusal;
            callback(error);
            return;
          }
          messages.push({
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            envelopeTo: session.envelope.rcptTo.map((recipient) => recipient.address),
            parsed,
          });
          waiters.splice(0).forEach((wake) => wake());
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://${credentials.user}:${credentials.password}@127.0.0.1:${port}`,
    messages,
    refuseNext(count, code) {
      for (let i = 0; i < count; i += 1) refusals.push(code);
    },
    async waitForMessages(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(
            `expected ${count} messages, the SMTP server received ${messages.length}`,
          );
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return messages.slice(0, count);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
