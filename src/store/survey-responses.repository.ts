import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../common/app-error';
import { lockEnvironmentForWrite } from './environment-write-lock';
import { SurveyResponseRecord, isNpsResponse, normaliseEmail } from './survey-response-record';
import { surveyRecordProblems } from './survey-response.validator';
import { syncSubmitSurveyEvents } from './survey-matching.sql';
import { loadThemeMatcher, writeCommentAnalysis } from './comment-analysis.sql';

export interface UpsertOutcome {
  inserted: number;
  updated: number;
  /** Responses already stored at the same or a newer version: nothing changed. */
  unchanged: number;
  matched: number;
}

@Injectable()
export class SurveyResponsesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Upserts responses on (environment, response id) in one transaction: a newer version
   * (updated_at, else created_at) replaces the stored one, a replay or older version changes
   * nothing; then matches them to users and mirrors them as Submit Survey events. `inTransaction`
   * runs last in the same transaction (sync checkpoints), so a crash loses or repeats nothing.
   */
  async upsert(
    environmentId: string,
    records: readonly SurveyResponseRecord[],
    source: string,
    inTransaction?: (manager: EntityManager, outcome: UpsertOutcome) => Promise<void>,
    options: { replayable?: boolean } = {},
  ): Promise<UpsertOutcome> {
    // Every write path ends here: the shared rules hold even for one that forgot to check.
    const problems = records.flatMap((record, index) =>
      surveyRecordProblems(record).map((problem) => ({
        index,
        field: `responses[${index}].${problem.field}${problem.subPath ?? ''}`,
        message: `${problem.field} ${problem.message}`,
      })),
    );
    if (problems.length > 0) {
      throw AppError.invalidItems(
        `${problems.length} problem(s) in the survey responses; nothing was stored.`,
        problems,
      );
    }
    return this.dataSource.transaction(async (manager) => {
      // A sync page commits with its checkpoint and is re-read after a crash, so it need not
      // wait for the WAL flush; webhooks and imports keep full durability.
      if (options.replayable) await manager.query('SET LOCAL synchronous_commit = off');
      await lockEnvironmentForWrite(manager, environmentId, 'shared');
      const outcome = await this.upsertRows(manager, environmentId, records, source);
      if (inTransaction) await inTransaction(manager, outcome);
      return outcome;
    });
  }

  /** The upsert of `upsert`, inside the caller's transaction (which holds the environment lock). */
  async upsertRows(
    manager: EntityManager,
    environmentId: string,
    records: readonly SurveyResponseRecord[],
    source: string,
  ): Promise<UpsertOutcome> {
    if (records.length === 0) return { inserted: 0, updated: 0, unchanged: 0, matched: 0 };
    const column = <T>(pick: (record: SurveyResponseRecord) => T) => records.map(pick);
    // The users these responses may belong to, locked before the responses are: the analytics
    // triggers count each response's activity under FOR SHARE of its user, and event ingestion
    // locks users before it touches responses, so taking users first keeps one lock order.
    await manager.query(
      // Two index lookups (an OR of them would scan every user).
      `SELECT 1 FROM users u
        WHERE u.environment_id = $1
          AND u.id IN (SELECT e.id FROM users e WHERE e.environment_id = $1 AND e.email_normalized = ANY($2::text[])
                       UNION
                       SELECT r.user_id FROM survey_responses r
                        WHERE r.environment_id = $1 AND r.response_id = ANY($3::text[]) AND r.user_id IS NOT NULL)
        ORDER BY u.id FOR SHARE`,
      [
        environmentId,
        column((record) => normaliseEmail(record.email)).filter((email) => email !== null),
        column((record) => record.responseId),
      ],
    );
    const rows: Array<{
      inserted: boolean;
      response_id: string;
      matched: boolean;
      id: string;
      comment: string | null;
      comment_version: string;
    }> = await manager.query(
      `WITH input AS (
         SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                              $8::int[], $9::bool[], $10::text[], $11::text[], $12::timestamptz[],
                              $13::timestamptz[], $14::jsonb[])
           WITH ORDINALITY AS t(response_id, person_id, email, email_normalized, phone_number, survey_type,
                                score, is_nps, comment, permalink, responded_at, response_updated_at,
                                person_properties, position)
       ),
       newest AS (
         SELECT DISTINCT ON (response_id) * FROM input
          ORDER BY response_id, coalesce(response_updated_at, responded_at) DESC, position DESC
       )
       INSERT INTO survey_responses AS r (environment_id, response_id, source, person_id, email, email_normalized,
              phone_number, survey_type, score, is_nps, comment, permalink, responded_at, response_updated_at,
              person_properties, comment_version, user_id)
       SELECT $1, response_id, $15, person_id, email, email_normalized, phone_number, survey_type, score, is_nps,
              comment, permalink, responded_at, response_updated_at, person_properties,
              nextval('survey_responses_comment_version_seq'),
              -- Matched as it is written: the most recently seen user carrying the email.
              (SELECT u.id FROM users u
                WHERE u.environment_id = $1 AND u.email_normalized = newest.email_normalized
                ORDER BY u.last_seen DESC, u.id DESC LIMIT 1)
         FROM newest ORDER BY response_id
       ON CONFLICT (environment_id, response_id) DO UPDATE
         SET source = excluded.source, person_id = excluded.person_id, email = excluded.email,
             email_normalized = excluded.email_normalized, phone_number = excluded.phone_number,
             survey_type = excluded.survey_type, score = excluded.score, is_nps = excluded.is_nps,
             comment = excluded.comment, permalink = excluded.permalink, responded_at = excluded.responded_at,
             response_updated_at = excluded.response_updated_at, person_properties = excluded.person_properties,
             user_id = CASE WHEN r.email_normalized IS NOT DISTINCT FROM excluded.email_normalized
                            THEN coalesce(r.user_id, excluded.user_id) ELSE excluded.user_id END,
             changed_at = now(), comment_version = nextval('survey_responses_comment_version_seq')
         WHERE coalesce(excluded.response_updated_at, excluded.responded_at)
                 > coalesce(r.response_updated_at, r.responded_at)
            OR (coalesce(excluded.response_updated_at, excluded.responded_at)
                  = coalesce(r.response_updated_at, r.responded_at)
                AND (excluded.score, excluded.comment, excluded.survey_type, excluded.email, excluded.person_id,
                     excluded.permalink)
                    IS DISTINCT FROM (r.score, r.comment, r.survey_type, r.email, r.person_id, r.permalink))
       RETURNING (xmax = 0) AS inserted, r.response_id, r.user_id IS NOT NULL AS matched,
                 r.id, r.comment, r.comment_version`,
      [
        environmentId,
        column((record) => record.responseId),
        column((record) => record.personId),
        column((record) => record.email),
        column((record) => normaliseEmail(record.email)),
        column((record) => record.phoneNumber),
        column((record) => record.surveyType),
        column((record) => record.score),
        column((record) => isNpsResponse(record)),
        column((record) => record.comment),
        column((record) => record.permalink),
        column((record) => record.respondedAt.toISOString()),
        column((record) => record.responseUpdatedAt?.toISOString() ?? null),
        column((record) =>
          record.personProperties ? JSON.stringify(record.personProperties) : null,
        ),
        source,
      ],
    );
    // Sentiment and themes of every new or changed comment; an updated response that lost its
    // comment gets an empty analysis, so no job can bring back the old one.
    const analysed = rows.filter((row) => row.comment !== null || !row.inserted);
    if (analysed.length > 0) {
      await writeCommentAnalysis(
        manager,
        environmentId,
        analysed.map((row) => ({
          id: row.id,
          comment: row.comment,
          commentVersion: row.comment_version,
        })),
        await loadThemeMatcher(manager, environmentId),
      );
    }
    await syncSubmitSurveyEvents(
      manager,
      environmentId,
      rows.map((row) => row.response_id),
      rows.filter((row) => !row.inserted).map((row) => row.response_id),
    );
    const inserted = rows.filter((row) => row.inserted).length;
    const distinct = new Set(records.map((record) => record.responseId)).size;
    return {
      inserted,
      updated: rows.length - inserted,
      unchanged: distinct - rows.length,
      matched: rows.filter((row) => row.matched).length,
    };
  }

  /** One row: how many responses the environment holds (all survey types). */
  async count(environmentId: string): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM survey_responses WHERE environment_id = $1`,
      [environmentId],
    );
    return row.count;
  }
}
