import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { bindNamed } from '../../database/named-sql';
import { userFilterNamedSql } from '../../store/user-filter.sql';
import type { AlertRuleEntity } from '../rules/alert-rule.entity';

/** A detractor response a DETRACTOR_RESPONSE rule has not yet seen. */
export interface DetractorRow {
  horizon: string;
  /** Detractor responses changed at or above the horizon exist: read them once it passes. */
  waiting: boolean;
  id: string | null;
  changeSeq: string | null;
  responseId: string;
  score: number;
  comment: string | null;
  email: string | null;
  permalink: string | null;
  respondedAt: Date;
  identity: string | null;
}

/**
 * The DETRACTOR_RESPONSE read: responses by change_seq between the rule's watermark and the
 * oldest running transaction (see the alerts migration), in one transaction with the events and
 * the watermark's move, under the rule's row lock, so replays, restarts and two instances never
 * fire twice and a crash (rollback) never loses one.
 */
@Injectable()
export class DetractorScanRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Locks the rule (SKIP LOCKED: null when another evaluation holds it), reads up to `limit`
   * candidates, lets `record` write their events, then moves the watermark: to the horizon when
   * all were read, else to the last change_seq read (one transaction may have changed more rows
   * than `limit`: the next pass of this evaluation goes on after `after`, its last (change_seq, id);
   * a crash re-reads from the watermark, and the events are insert-once).
   * Returns how many candidates were read, whether more may wait (`more`: past the limit;
   * `waiting`: changed by transactions not yet behind the horizon).
   */
  async pass(
    rule: AlertRuleEntity,
    limit: number,
    after: { changeSeq: string; id: string } | null,
    record: (manager: EntityManager, rows: DetractorRow[]) => Promise<void>,
  ): Promise<{
    read: number;
    more: boolean;
    waiting: boolean;
    last: { changeSeq: string; id: string } | null;
  } | null> {
    return this.dataSource.transaction(async (manager) => {
      const locked: Array<{ watermark: string | null }> = await manager.query(
        `SELECT response_watermark AS watermark FROM alert_rules
          WHERE environment_id = $1 AND id = $2 AND kind = 'DETRACTOR_RESPONSE' FOR UPDATE SKIP LOCKED`,
        [rule.environmentId, rule.id],
      );
      if (locked.length === 0) return null;
      const rows = await this.candidates(manager, rule, locked[0].watermark ?? '0', after, limit);
      const found = rows.filter((row) => row.id !== null);
      if (found.length > 0) await record(manager, found);
      const more = found.length >= limit;
      const watermark = more ? found[found.length - 1].changeSeq! : rows[0].horizon;
      await manager.query(
        `UPDATE alert_rules SET response_watermark = $3, last_evaluated_at = now()
          WHERE environment_id = $1 AND id = $2`,
        [rule.environmentId, rule.id, watermark],
      );
      const tail = found[found.length - 1];
      return {
        read: found.length,
        more,
        waiting: rows[0].waiting,
        last: tail ? { changeSeq: tail.changeSeq!, id: tail.id! } : null,
      };
    });
  }

  private candidates(
    manager: EntityManager,
    rule: AlertRuleEntity,
    watermark: string,
    after: { changeSeq: string; id: string } | null,
    limit: number,
  ): Promise<DetractorRow[]> {
    const conditions = rule.filter ?? [];
    const filter = userFilterNamedSql(conditions, 'u');
    const join =
      conditions.length > 0
        ? `JOIN users u ON u.environment_id = r.environment_id AND u.id = r.user_id AND ${filter.sql}`
        : `LEFT JOIN users u ON u.environment_id = r.environment_id AND u.id = r.user_id`;
    const { text, values } = bindNamed(
      `-- At least one row: the horizon (the oldest running transaction), and per NPS response
       -- scored 0–6 changed at or after the watermark by a finished transaction, stored after the
       -- rule was created, with a comment when required and of a user matching the filter, one
       -- row with its figures (oldest change first).
       WITH h AS (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS horizon)
       SELECT h.horizon,
              EXISTS (SELECT 1 FROM survey_responses w
                       WHERE w.environment_id = :environmentId AND w.is_nps AND w.score <= 6
                         AND w.change_seq >= h.horizon) AS waiting,
              c.*
         FROM h LEFT JOIN LATERAL (
         SELECT r.id, r.change_seq AS "changeSeq", r.response_id AS "responseId", r.score, r.comment,
                r.email, r.permalink, r.responded_at AS "respondedAt", u.identity
           FROM survey_responses r
           ${join}
          WHERE r.environment_id = :environmentId AND r.is_nps AND r.score <= 6
            AND r.change_seq >= :watermark::bigint AND r.change_seq < h.horizon
            AND (:afterSeq::bigint IS NULL OR (r.change_seq, r.id) > (:afterSeq::bigint, :afterId::bigint))
            AND r.received_at >= :createdAt::timestamptz
            AND (NOT :commentRequired OR nullif(btrim(r.comment), '') IS NOT NULL)
          ORDER BY r.change_seq, r.id
          LIMIT :limit
       ) c ON TRUE`,
      {
        environmentId: rule.environmentId,
        watermark,
        createdAt: rule.createdAt.toISOString(),
        commentRequired: rule.commentRequired,
        afterSeq: after?.changeSeq ?? null,
        afterId: after?.id ?? null,
        limit,
        ...(conditions.length > 0 ? filter.parameters : {}),
      },
    );
    return manager.query(text, values);
  }
}
