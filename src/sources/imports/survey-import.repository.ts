import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { crossesAnalyzeMark } from '../../database/analyze-marks';
import { lockEnvironmentForWrite } from '../../store/environment-write-lock';
import { SurveyResponseRecord, normaliseEmail } from '../../store/survey-response-record';
import { SurveyResponsesRepository, UpsertOutcome } from '../../store/survey-responses.repository';

/** Responses per statement while staging and while writing: memory stays flat in file size. */
const BATCH = 2000;

export interface ImportWriteOutcome extends UpsertOutcome {
  /** Rows of the file, repeats of a response id included. */
  responses: number;
}

interface StagedRow {
  response_id: string;
  person_id: string | null;
  email: string | null;
  phone_number: string | null;
  survey_type: string;
  score: number;
  comment: string | null;
  permalink: string | null;
  responded_at: Date;
  response_updated_at: Date | null;
  person_properties: Record<string, unknown> | null;
}

/**
 * Writes an imported file in one transaction, however large: its responses are staged in a
 * temporary table as they are parsed (nothing else is touched, so a file refused halfway, or by
 * its last line, leaves no trace), then the newest version of each response id is upserted in
 * batches after every user concerned has been locked, as a single upsert of the file would.
 */
@Injectable()
export class SurveyImportRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly responses: SurveyResponsesRepository,
  ) {}

  async importAll(
    environmentId: string,
    batches: AsyncIterable<SurveyResponseRecord[]>,
    source: string,
  ): Promise<ImportWriteOutcome> {
    const iterator = batches[Symbol.asyncIterator]();
    let pending: SurveyResponseRecord[] = [];
    let done = false;
    const fill = async () => {
      while (!done && pending.length < BATCH) {
        const next = await iterator.next();
        if (next.done) done = true;
        else for (const record of next.value) pending.push(record);
      }
    };
    try {
      // A small file is parsed (and refused) whole before a connection is taken.
      await fill();
      return await this.dataSource.transaction(async (manager) => {
        await createStagingTable(manager);
        let staged = 0;
        while (pending.length > 0) {
          const batch = pending.slice(0, BATCH);
          pending = pending.slice(BATCH);
          await stage(manager, staged, batch);
          staged += batch.length;
          await fill();
        }
        return { responses: staged, ...(await this.writeStaged(manager, environmentId, source)) };
      });
    } finally {
      if (!done) await iterator.return?.(undefined);
    }
  }

  private async writeStaged(
    manager: EntityManager,
    environmentId: string,
    source: string,
  ): Promise<UpsertOutcome> {
    await manager.query('ANALYZE pg_temp.survey_import_staging');
    await lockEnvironmentForWrite(manager, environmentId, 'shared');
    // Every user the file may touch, locked first and in id order (see upsertRows).
    await manager.query(
      `SELECT count(*) FROM (
         SELECT 1 FROM users u
          WHERE u.environment_id = $1
            AND u.id IN (SELECT e.id FROM users e JOIN pg_temp.survey_import_staging s
                           ON e.environment_id = $1 AND e.email_normalized = s.email_normalized
                         UNION
                         SELECT r.user_id FROM survey_responses r JOIN pg_temp.survey_import_staging s
                           ON r.environment_id = $1 AND r.response_id = s.response_id
                          WHERE r.user_id IS NOT NULL)
          ORDER BY u.id FOR SHARE) locked`,
      [environmentId],
    );
    // The newest version of each response id, as the upsert of one statement picks it.
    await manager.query(
      `DECLARE survey_import_newest NO SCROLL CURSOR FOR
         SELECT DISTINCT ON (response_id) response_id, person_id, email, phone_number, survey_type,
                score, comment, permalink, responded_at, response_updated_at, person_properties
           FROM pg_temp.survey_import_staging
          ORDER BY response_id, coalesce(response_updated_at, responded_at) DESC, position DESC`,
    );
    const total: UpsertOutcome = { inserted: 0, updated: 0, unchanged: 0, matched: 0 };
    for (;;) {
      const rows: StagedRow[] = await manager.query(`FETCH ${BATCH} FROM survey_import_newest`);
      if (rows.length === 0) break;
      const outcome = await this.responses.upsertRows(
        manager,
        environmentId,
        rows.map(recordOf),
        source,
      );
      const before = total.inserted;
      total.inserted += outcome.inserted;
      // Inside this transaction, so ANALYZE counts the rows it wrote: plans made while the table
      // looked empty (comment_analysis's foreign-key check among them, which otherwise scans
      // every response of the environment per row) are made again. Other ANALYZEs of the table
      // wait for the import's end.
      if (crossesAnalyzeMark(before, total.inserted))
        await manager.query('ANALYZE survey_responses');
      total.updated += outcome.updated;
      total.unchanged += outcome.unchanged;
      total.matched += outcome.matched;
    }
    await manager.query('CLOSE survey_import_newest');
    return total;
  }
}

async function createStagingTable(manager: EntityManager): Promise<void> {
  await manager.query(
    `CREATE TEMPORARY TABLE survey_import_staging (
       position bigint NOT NULL, response_id text NOT NULL, person_id text, email text,
       email_normalized text, phone_number text, survey_type text NOT NULL, score int NOT NULL,
       comment text, permalink text, responded_at timestamptz NOT NULL,
       response_updated_at timestamptz, person_properties jsonb
     ) ON COMMIT DROP`,
  );
}

async function stage(
  manager: EntityManager,
  offset: number,
  records: readonly SurveyResponseRecord[],
): Promise<void> {
  const column = <T>(pick: (record: SurveyResponseRecord) => T) => records.map(pick);
  await manager.query(
    `INSERT INTO pg_temp.survey_import_staging
     SELECT $1::bigint + t.position, t.response_id, t.person_id, t.email, t.email_normalized,
            t.phone_number, t.survey_type, t.score, t.comment, t.permalink, t.responded_at,
            t.response_updated_at, t.person_properties
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                   $8::int[], $9::text[], $10::text[], $11::timestamptz[], $12::timestamptz[],
                   $13::jsonb[])
            WITH ORDINALITY AS t(response_id, person_id, email, email_normalized, phone_number,
                                 survey_type, score, comment, permalink, responded_at,
                                 response_updated_at, person_properties, position)`,
    [
      offset,
      column((record) => record.responseId),
      column((record) => record.personId),
      column((record) => record.email),
      column((record) => normaliseEmail(record.email)),
      column((record) => record.phoneNumber),
      column((record) => record.surveyType),
      column((record) => record.score),
      column((record) => record.comment),
      column((record) => record.permalink),
      column((record) => record.respondedAt.toISOString()),
      column((record) => record.responseUpdatedAt?.toISOString() ?? null),
      column((record) =>
        record.personProperties ? JSON.stringify(record.personProperties) : null,
      ),
    ],
  );
}

function recordOf(row: StagedRow): SurveyResponseRecord {
  return {
    responseId: row.response_id,
    personId: row.person_id,
    email: row.email,
    phoneNumber: row.phone_number,
    surveyType: row.survey_type,
    score: row.score,
    comment: row.comment,
    permalink: row.permalink,
    respondedAt: row.responded_at,
    responseUpdatedAt: row.response_updated_at,
    personProperties: row.person_properties,
  };
}
