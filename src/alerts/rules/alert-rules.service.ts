import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { Principal, auditActor, refuseEmbed, requireEnvironmentRole } from '../../auth/principal';
import { Role } from '../../auth/role';
import { AppError } from '../../common/app-error';
import { AppConfig } from '../../config/app-config';
import { SecretBox } from '../../crypto/secret-box';
import { MailService } from '../../mail/mail.service';
import { EnvironmentEntity } from '../../store/environment.entity';
import { EnvironmentsRepository } from '../../store/environments.repository';
import { newSigningSecret } from '../destinations/standard-webhooks';
import { DEFAULT_DIGEST_SCHEDULE, nextDigestTime } from '../evaluation/digest-rules.evaluator';
import type { AlertDestinationEntity } from './alert-destination.entity';
import { AlertRuleInput, DestinationKindValue, AlertKindValue } from './alert-rule.input';
import { AlertRuleModel, AlertStateValue } from './alert-rule.model';
import { CheckedRule, checkRuleInput } from './alert-rule-validation';
import {
  AlertRulesRepository,
  DestinationFields,
  RuleWithDestinations,
} from './alert-rules.repository';

/** Alert rules: ANALYST and above read them; ADMIN/ARCHITECT create, change and delete. */
@Injectable()
export class AlertRulesService {
  constructor(
    private readonly rules: AlertRulesRepository,
    private readonly environments: EnvironmentsRepository,
    private readonly secrets: SecretBox,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async list(principal: Principal | null, environmentId: string): Promise<AlertRuleModel[]> {
    requireEnvironmentRole(principal, environmentId, Role.ANALYST);
    return (await this.rules.list(environmentId)).map((item) => toRuleModel(item));
  }

  async create(
    principal: Principal | null,
    environmentId: string,
    input: AlertRuleInput,
  ): Promise<AlertRuleModel> {
    const environment = await this.writable(principal, environmentId);
    const checked = this.check(input);
    const { destinations, secrets } = this.sealed(checked);
    const saved = await this.rules.create(
      environmentId,
      { ...checked.fields, nextDigestAt: this.firstDigest(checked, environment) },
      destinations,
    );
    await this.recordChange(principal, 'alert_rule.create', environmentId, saved.rule.id, checked);
    return toRuleModel(saved, (destination) => secrets.get(destination.position) ?? null);
  }

  async update(
    principal: Principal | null,
    environmentId: string,
    id: string,
    input: AlertRuleInput,
  ): Promise<AlertRuleModel> {
    const environment = await this.writable(principal, environmentId);
    const checked = this.check(input);
    const before = await this.rules.get(environmentId, parseId(id));
    if (!before) throw AppError.notFound(`Alert rule ${id} does not exist in this environment.`);
    const { destinations, secrets } = this.sealed(checked);
    const kept = new Set(before.destinations.map((destination) => destination.id));
    const saved = await this.rules.update(
      environmentId,
      before.rule.id,
      { ...checked.fields, nextDigestAt: this.firstDigest(checked, environment) },
      destinations,
    );
    if (!saved) throw AppError.notFound(`Alert rule ${id} does not exist in this environment.`);
    await this.recordChange(principal, 'alert_rule.update', environmentId, saved.rule.id, checked);
    return toRuleModel(saved, (destination) =>
      kept.has(destination.id) ? null : (secrets.get(destination.position) ?? null),
    );
  }

  async delete(principal: Principal | null, environmentId: string, id: string): Promise<boolean> {
    await this.writable(principal, environmentId);
    if (!(await this.rules.delete(environmentId, parseId(id))))
      throw AppError.notFound(`Alert rule ${id} does not exist in this environment.`);
    await this.audit.record({
      actor: auditActor(principal),
      action: 'alert_rule.delete',
      target: `alert_rule:${id}`,
      environmentId,
    });
    return true;
  }

  /** The rule's name, kind and destination kinds: never URLs (they may hold tokens) or secrets. */
  private recordChange(
    principal: Principal | null,
    action: 'alert_rule.create' | 'alert_rule.update',
    environmentId: string,
    ruleId: string,
    checked: CheckedRule,
  ): Promise<void> {
    return this.audit.record({
      actor: auditActor(principal),
      action,
      target: `alert_rule:${ruleId}`,
      environmentId,
      details: {
        name: checked.fields.name,
        kind: checked.fields.kind,
        destinations: checked.destinations.map((destination) => destination.kind),
      },
    });
  }

  /** The rule's settings, checked as for saving (destinations optional for a preview). */
  check(input: AlertRuleInput, destinations = true): CheckedRule {
    return checkRuleInput(input, {
      allowPrivateUrls: this.config.alerts.allowPrivateUrls,
      mailConfigured: this.mail.configured,
      destinations,
    });
  }

  private async writable(
    principal: Principal | null,
    environmentId: string,
  ): Promise<EnvironmentEntity> {
    refuseEmbed(principal, 'change alert rules');
    requireEnvironmentRole(principal, environmentId, Role.ARCHITECT);
    const environment = await this.environments.findById(environmentId);
    if (!environment) throw AppError.notFound(`Environment ${environmentId} does not exist.`);
    return environment;
  }

  /** Destinations to save, each new WEBHOOK with a fresh secret (kept in plain by position). */
  private sealed(checked: CheckedRule): {
    destinations: DestinationFields[];
    secrets: Map<number, string>;
  } {
    const secrets = new Map<number, string>();
    const destinations = checked.destinations.map((destination, position) => {
      if (destination.kind !== 'WEBHOOK') return { ...destination, secretCiphertext: null };
      const secret = newSigningSecret();
      secrets.set(position, secret);
      return { ...destination, secretCiphertext: this.secrets.encrypt(secret) };
    });
    return { destinations, secrets };
  }

  private firstDigest(checked: CheckedRule, environment: EnvironmentEntity): Date | null {
    if (checked.fields.kind !== 'DIGEST') return null;
    return nextDigestTime(
      checked.fields.schedule ?? DEFAULT_DIGEST_SCHEDULE,
      environment.timezone,
      new Date(),
    );
  }
}

/** A rule id as the database holds it; NOT_FOUND for anything else. */
export function parseId(id: string): string {
  if (!/^\d{1,18}$/.test(id)) throw AppError.notFound(`Alert rule ${id} does not exist.`);
  return id;
}

export function toRuleModel(
  { rule, destinations }: RuleWithDestinations,
  secretOf: (destination: AlertDestinationEntity) => string | null = () => null,
): AlertRuleModel {
  return {
    id: rule.id,
    name: rule.name,
    kind: rule.kind as AlertKindValue,
    filter: (rule.filter ?? []).map((condition) => ({
      property: condition.property,
      equals: condition.equals ?? null,
      in: condition.in ?? null,
      exists: condition.exists ?? null,
    })),
    windowDays: rule.windowDays,
    baselineDays: rule.baselineDays,
    minResponses: rule.minResponses,
    minChangePoints: rule.minChangePoints,
    confidence: rule.confidence,
    commentRequired: rule.commentRequired,
    schedule: rule.schedule,
    state: rule.state as AlertStateValue,
    nextDigestAt: rule.nextDigestAt,
    lastEvaluatedAt: rule.lastEvaluatedAt,
    createdAt: rule.createdAt,
    destinations: destinations.map((destination) => ({
      id: destination.id,
      kind: destination.kind as DestinationKindValue,
      url: destination.url,
      to: destination.emailTo,
      signingSecret: secretOf(destination),
    })),
  };
}
