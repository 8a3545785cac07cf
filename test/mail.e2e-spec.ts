import { AppConfig, loadConfig } from '../src/config/app-config';
import { MailDeliveryError, MailNotConfiguredError, MailService } from '../src/mail/mail.service';
import { SmtpCatcher, startSmtpCatcher } from '../tools/harness/smtp-catcher';

describe('MailService against a real SMTP server', () => {
  let catcher: SmtpCatcher;
  let mail: MailService;

  const configFor = (env: Record<string, string>): AppConfig =>
    loadConfig({ DATA_DIR: '.data/test-mail', ...env });

  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    mail = new MailService(
      configFor({ SMTP_URL: catcher.url, MAIL_FROM: 'NPS Alerts <alerts@nps.example>' }),
    );
  });

  afterAll(async () => {
    mail.onModuleDestroy();
    await catcher.close();
  });

  it('delivers the plain-text and HTML parts, the From of MAIL_FROM and extra headers', async () => {
    const before = catcher.messages.length;
    const sent = await mail.send({
      to: 'pm@example.com',
      subject: 'NPS fell 12 points',
      text: 'NPS 18 (was 30)',
      html: '<p>NPS <b>18</b> (was 30)</p>',
      headers: { 'X-Alert-Id': 'evt_1' },
    });
    const [message] = (await catcher.waitForMessages(before + 1)).slice(before);
    expect(sent.messageId).toBe(message.parsed.messageId);
    expect(message.envelopeTo).toEqual(['pm@example.com']);
    expect(message.envelopeFrom).toBe('alerts@nps.example');
    expect(message.parsed.from?.value).toEqual([
      { name: 'NPS Alerts', address: 'alerts@nps.example' },
    ]);
    expect(message.parsed.subject).toBe('NPS fell 12 points');
    expect(message.parsed.text?.trim()).toBe('NPS 18 (was 30)');
    expect(message.parsed.html).toContain('<b>18</b>');
    expect(message.parsed.headers.get('x-alert-id')).toBe('evt_1');
  });

  it('marks a 5xx refusal permanent and a 4xx one worth retrying', async () => {
    catcher.refuseNext(1, 550);
    const permanent = await mail
      .send({ to: 'gone@example.com', subject: 's', text: 't', html: '<p>t</p>' })
      .catch((error: unknown) => error);
    expect(permanent).toBeInstanceOf(MailDeliveryError);
    expect(permanent).toMatchObject({ permanent: true });
    expect((permanent as Error).message).toMatch(/SMTP server answered 550/);

    catcher.refuseNext(1, 451);
    const transient = await mail
      .send({ to: 'busy@example.com', subject: 's', text: 't', html: '<p>t</p>' })
      .catch((error: unknown) => error);
    expect(transient).toMatchObject({ permanent: false });
  });

  it('fails with the cause and without the password when the credentials are wrong', async () => {
    const wrong = new MailService(
      configFor({ SMTP_URL: catcher.url.replace('catcher-secret', 'not-the-password') }),
    );
    const failure = await wrong
      .send({ to: 'pm@example.com', subject: 's', text: 't', html: '<p>t</p>' })
      .then(
        () => new Error('expected the send to fail'),
        (error: unknown) => error as Error,
      );
    wrong.onModuleDestroy();
    expect(failure).toBeInstanceOf(MailDeliveryError);
    expect(failure.message).toMatch(/535|auth/i);
    expect(failure.message).not.toContain('not-the-password');
  });

  it('says how to configure email when SMTP_URL is unset', async () => {
    const unconfigured = new MailService(configFor({}));
    expect(unconfigured.configured).toBe(false);
    await expect(
      unconfigured.send({ to: 'pm@example.com', subject: 's', text: 't', html: '<p>t</p>' }),
    ).rejects.toThrow(MailNotConfiguredError);
  });
});
