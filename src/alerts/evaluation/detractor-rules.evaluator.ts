import { Injectable } from '@nestjs/common';
import { AlertEventsRepository, StoredAlertEvent } from '../events/alert-events.repository';
import type { AlertRuleEntity } from '../rules/alert-rule.entity';
import { DetractorRow, DetractorScanRepository } from './detractor-scan.repository';

const BATCH = 2000;

/**
 * DETRACTOR_RESPONSE: one event per detractor response the rule has not seen, keyed
 * `response:<row id>` (insert-once), written with its deliveries and the watermark's move.
 */
@Injectable()
export class DetractorRulesEvaluator {
  constructor(
    private readonly scan: DetractorScanRepository,
    private readonly events: AlertEventsRepository,
  ) {}

  /**
   * The events of this pass; `waiting`: responses changed by transactions still running when it
   * read (or just before), to be read by a later evaluation.
   */
  async evaluate(
    rules: readonly AlertRuleEntity[],
    at: Date,
  ): Promise<{ created: StoredAlertEvent[]; waiting: boolean }> {
    const created: StoredAlertEvent[] = [];
    let waiting = false;
    for (const rule of rules.filter((item) => item.kind === 'DETRACTOR_RESPONSE')) {
      let after: { changeSeq: string; id: string } | null = null;
      for (;;) {
        const pass = await this.scan.pass(rule, BATCH, after, async (manager, rows) => {
          created.push(
            ...(await this.events.insertWithDeliveries(
              manager,
              rule.environmentId,
              rule.id,
              rule.kind,
              rows.map((row) => ({
                dedupeKey: `response:${row.id}`,
                evaluatedAt: at,
                figures: { ruleName: rule.name, response: responseFigures(row) },
              })),
            )),
          );
        });
        if (pass?.waiting) waiting = true;
        if (pass === null || !pass.more) break;
        after = pass.last;
      }
    }
    return { created, waiting };
  }
}

function responseFigures(row: DetractorRow) {
  return {
    id: row.id!,
    responseId: row.responseId,
    score: row.score,
    comment: row.comment,
    email: row.email,
    userIdentity: row.identity,
    permalink: row.permalink,
    respondedAt: new Date(row.respondedAt).toISOString(),
  };
}
