import { EnvReader } from './env-reader';

export interface MailSettings {
  /** smtp:// or smtps:// with optional user:password; null: the service sends no email. */
  readonly smtpUrl: string | null;
  /** The From header of every message, e.g. `NPS Analytics <nps@example.com>`. */
  readonly from: string;
}

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;
const NAMED_ADDRESS = /^[^<>]*<([^\s@<>]+@[^\s@<>]+)>$/;

/** SMTP_URL and MAIL_FROM. The URL may hold a password, so a problem never echoes it. */
export function readMailSettings(reader: EnvReader, publicUrl: string): MailSettings {
  const raw = reader.text('SMTP_URL');
  let smtpUrl: string | null = null;
  if (raw !== undefined) {
    let url: URL | null = null;
    try {
      url = new URL(raw);
    } catch {
      // Reported below like any other value that is not an smtp(s) URL.
    }
    if (url === null || !['smtp:', 'smtps:'].includes(url.protocol) || !url.hostname)
      reader.refuse(
        'SMTP_URL must be smtp://[user:password@]host[:port] or smtps://… (smtps: TLS from the first byte, usually port 465)',
      );
    else smtpUrl = raw;
  }
  const from = reader.text('MAIL_FROM') ?? `NPS Analytics <nps@${new URL(publicUrl).hostname}>`;
  if (!ADDRESS.test(from) && !NAMED_ADDRESS.test(from))
    reader.refuse(
      `MAIL_FROM="${from}" must be an address such as nps@example.com or "NPS Analytics <nps@example.com>"`,
    );
  return { smtpUrl, from };
}
