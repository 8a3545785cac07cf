import { Inject, Injectable } from '@nestjs/common';
import { Principal, refuseEmbed, requireEnvironmentRole } from '../../auth/principal';
import { Role } from '../../auth/role';
import { AppError, InputProblem } from '../../common/app-error';
import { AppConfig } from '../../config/app-config';
import { MailService } from '../../mail/mail.service';
import type { AlertFigures } from '../events/alert-figures';
import type { AlertDestinationInput } from '../rules/alert-rule.input';
import { AlertTestResultModel } from '../rules/alert-rule.model';
import { checkDestination } from '../rules/alert-rule-validation';
import { AlertRulesRepository } from '../rules/alert-rules.repository';
import { AlertKind } from '../rules/alert-rule.entity';
import { dashboardUrl } from './alert-message';
import { DestinationSender, SendTarget } from './destination-sender';
import { newSigningSecret, newWebhookId } from './standard-webhooks';

const DAY_MS = 86_400_000;

/**
 * sendTestAlert: a sample alert (marked as a test) sent once, now, to a saved destination (signed
 * with its secret) or to one given in the call (a WEBHOOK then signed with a throwaway secret).
 */
@Injectable()
export class TestAlertService {
  constructor(
    private readonly rules: AlertRulesRepository,
    private readonly sender: DestinationSender,
    private readonly mail: MailService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async send(
    principal: Principal | null,
    environmentId: string,
    args: { destinationId?: string | null; destination?: AlertDestinationInput | null },
  ): Promise<AlertTestResultModel> {
    refuseEmbed(principal, 'send test alerts');
    requireEnvironmentRole(principal, environmentId, Role.ARCHITECT);
    if (!args.destinationId === !args.destination)
      throw AppError.badInput('Give exactly one of destinationId or destination.', 'destination');
    let target: SendTarget;
    let kind: AlertKind = 'NPS_DROP';
    let ruleName = 'Test alert';
    if (args.destinationId) {
      const found = await this.findDestination(environmentId, args.destinationId);
      target = this.sender.targetOf(found.destination);
      kind = found.kind;
      ruleName = found.ruleName;
    } else {
      const problems: InputProblem[] = [];
      const checked = checkDestination(
        args.destination!,
        'destination',
        {
          allowPrivateUrls: this.config.alerts.allowPrivateUrls,
          mailConfigured: this.mail.configured,
        },
        (field, message) => problems.push({ field, message: `${field} ${message}` }),
      );
      if (!checked)
        throw new AppError('BAD_USER_INPUT', problems.map((item) => item.message).join(' '), {
          argument: problems[0]?.field,
          problems,
        });
      target = { ...checked, secret: checked.kind === 'WEBHOOK' ? newSigningSecret() : null };
    }
    const webhookId = newWebhookId();
    const now = new Date();
    const base = {
      eventId: `test_${webhookId.slice(4, 12)}`,
      environmentId,
      ruleId: '0',
      kind,
      firedAt: now,
      figures: sampleFigures(kind, ruleName, now),
    };
    const result = await this.sender.send(
      target,
      { ...base, dashboardUrl: dashboardUrl(this.config.publicUrl, base) },
      webhookId,
    );
    return {
      delivered: result.verdict === 'delivered',
      status: result.status,
      error: result.error,
      webhookId,
    };
  }

  private async findDestination(environmentId: string, id: string) {
    if (/^\d{1,18}$/.test(id)) {
      for (const { rule, destinations } of await this.rules.list(environmentId)) {
        const destination = destinations.find((item) => item.id === id);
        if (destination) return { destination, kind: rule.kind, ruleName: rule.name };
      }
    }
    throw AppError.notFound(`Alert destination ${id} does not exist in this environment.`);
  }
}

/** Figures of a sample alert of the given kind (marked `sample`). */
export function sampleFigures(kind: AlertKind, ruleName: string, now: Date): AlertFigures {
  const at = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const window = (
    from: string,
    to: string,
    p: number,
    a: number,
    d: number,
    low: number,
    high: number,
  ) => ({
    from,
    to,
    responses: p + a + d,
    promoters: p,
    passives: a,
    detractors: d,
    nps: (100 * (p - d)) / (p + a + d),
    ciLow: low,
    ciHigh: high,
  });
  const figures: AlertFigures = { ruleName, sample: true };
  if (kind === 'DETRACTOR_RESPONSE') {
    figures.response = {
      id: '0',
      responseId: 'sample',
      score: 3,
      comment: 'This is a test alert: a detractor comment would be here.',
      email: 'respondent@example.com',
      userIdentity: 'sample-user',
      permalink: null,
      respondedAt: now.toISOString(),
    };
    return figures;
  }
  figures.current = window(at(7), now.toISOString(), 12, 10, 18, -31.5, 1.9);
  figures.baseline = window(at(35), at(7), 70, 40, 30, 12.4, 32.9);
  figures.change = {
    difference: -43.6,
    ciLow: -62.9,
    ciHigh: -12.1,
    significant: true,
    confidence: 0.95,
  };
  if (kind === 'DIGEST')
    figures.digest = {
      topActivities: [
        {
          eventType: 'Create Report',
          promoterRateWith: 0.62,
          promoterRateWithout: 0.31,
          npsDifference: 38,
        },
      ],
      promoterComments: [
        {
          score: 10,
          comment: 'Sample: love the reports',
          email: null,
          respondedAt: now.toISOString(),
        },
      ],
      detractorComments: [
        { score: 2, comment: 'Sample: too slow', email: null, respondedAt: now.toISOString() },
      ],
    };
  return figures;
}
