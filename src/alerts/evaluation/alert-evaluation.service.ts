import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Principal, refuseEmbed, requireEnvironmentRole } from '../../auth/principal';
import { Role } from '../../auth/role';
import { AppError } from '../../common/app-error';
import { EnvironmentsRepository } from '../../store/environments.repository';
import { SurveyWrites } from '../../store/survey-writes';
import { withWorkSignal } from '../../workload/request-work';
import type { StoredAlertEvent } from '../events/alert-events.repository';
import { DeliveryWorker } from '../outbox/delivery.worker';
import { AlertRulesRepository } from '../rules/alert-rules.repository';
import { ChangeRulesEvaluator } from './change-rules.evaluator';
import { DetractorRulesEvaluator } from './detractor-rules.evaluator';
import { DigestRulesEvaluator } from './digest-rules.evaluator';

/**
 * Evaluates an environment's alert rules at one time: evaluateAlerts, the schedule
 * (ALERTS_EVALUATE_CRON), and every stored sync run, webhook or import all call `evaluate`.
 * Within an instance one evaluation per environment runs at a time (a request during one waits
 * for it and then runs); across instances the rule's row decides (a conditional state change,
 * SKIP LOCKED on the detractor scan), so two evaluations never fire the same alert twice.
 */
@Injectable()
export class AlertEvaluationService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AlertEvaluationService.name);
  private readonly running = new Map<string, Promise<StoredAlertEvent[]>>();
  /** Follow-up evaluations of environments whose detractor responses wait behind the horizon. */
  private readonly followUps = new Map<string, { timer: NodeJS.Timeout; count: number }>();
  private stopListening: (() => void) | null = null;

  constructor(
    private readonly rules: AlertRulesRepository,
    private readonly environments: EnvironmentsRepository,
    private readonly change: ChangeRulesEvaluator,
    private readonly detractors: DetractorRulesEvaluator,
    private readonly digests: DigestRulesEvaluator,
    private readonly delivery: DeliveryWorker,
    private readonly writes: SurveyWrites,
  ) {}

  onModuleInit(): void {
    this.stopListening = this.writes.listen((environmentId) => this.inBackground(environmentId));
  }

  /**
   * An evaluation nobody waits for (after a stored write, a follow-up): outside the request that
   * caused it, whose analytics work is cancelled once its response is sent (src/workload).
   */
  private inBackground(environmentId: string): void {
    withWorkSignal(new AbortController().signal, () =>
      this.evaluate(environmentId).catch((error: unknown) =>
        this.logger.error(
          `alert evaluation of environment ${environmentId} failed: ${String(error)}`,
        ),
      ),
    );
  }

  onModuleDestroy(): void {
    this.stopListening?.();
    for (const { timer } of this.followUps.values()) clearTimeout(timer);
    this.followUps.clear();
  }

  /** evaluateAlerts: ADMIN/ARCHITECT of the environment; the events this evaluation created. */
  async evaluateAlerts(
    principal: Principal | null,
    environmentId: string,
  ): Promise<StoredAlertEvent[]> {
    refuseEmbed(principal, 'evaluate alerts');
    requireEnvironmentRole(principal, environmentId, Role.ARCHITECT);
    if (!(await this.environments.findById(environmentId)))
      throw AppError.notFound(`Environment ${environmentId} does not exist.`);
    return this.evaluate(environmentId);
  }

  /** One evaluation of every rule of the environment at `at` (default: when it starts); its new events. */
  evaluate(environmentId: string, at?: Date): Promise<StoredAlertEvent[]> {
    const previous = this.running.get(environmentId) ?? Promise.resolve([]);
    const next = previous
      .catch(() => [])
      .then(() => this.evaluateNow(environmentId, at ?? new Date()));
    this.running.set(environmentId, next);
    void next
      .finally(() => {
        if (this.running.get(environmentId) === next) this.running.delete(environmentId);
      })
      .catch(() => undefined);
    return next;
  }

  /** Every environment with rules, one after the other (the schedule). */
  async evaluateAll(): Promise<number> {
    let created = 0;
    for (const environmentId of await this.rules.environmentsWithRules()) {
      try {
        created += (await this.evaluate(environmentId)).length;
      } catch (error) {
        this.logger.error(
          `alert evaluation of environment ${environmentId} failed: ${String(error)}`,
        );
      }
    }
    return created;
  }

  private async evaluateNow(environmentId: string, at: Date): Promise<StoredAlertEvent[]> {
    const environment = await this.environments.findById(environmentId);
    if (!environment) return [];
    const rules = (await this.rules.list(environmentId)).map((item) => item.rule);
    if (rules.length === 0) return [];
    const detractors = await this.detractors.evaluate(rules, at);
    const created = [
      ...(await this.change.evaluate(environmentId, rules, at)),
      ...detractors.created,
      ...(await this.digests.evaluate(rules, environment.timezone, at)),
    ];
    if (created.length > 0) this.delivery.kick();
    this.followUp(environmentId, detractors.waiting);
    return created;
  }

  /**
   * A response stored by a transaction that was still running when the detractor rules read is
   * read by a later evaluation: one follows within a second (up to 60 in a row) rather than at the
   * next scheduled one.
   */
  private followUp(environmentId: string, waiting: boolean): void {
    const pending = this.followUps.get(environmentId);
    if (!waiting) {
      // Nothing waits: the count starts again (a timer already set just evaluates once more).
      this.followUps.delete(environmentId);
      return;
    }
    const count = (pending?.count ?? 0) + 1;
    if (pending) clearTimeout(pending.timer);
    if (count > 60) {
      this.followUps.delete(environmentId);
      return;
    }
    const timer = setTimeout(() => this.inBackground(environmentId), 500);
    timer.unref();
    this.followUps.set(environmentId, { timer, count });
  }
}
