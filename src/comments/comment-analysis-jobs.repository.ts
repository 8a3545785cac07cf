import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { lockEnvironmentForWrite } from '../store/environment-write-lock';
import {
  type CommentToAnalyse,
  loadThemeMatcher,
  writeCommentAnalysis,
} from '../store/comment-analysis.sql';

export interface CommentAnalysisJobRow {
  environmentId: string;
  reason: string;
  generation: number;
  cursor: string;
  upto: string;
  total: number;
  done: number;
  startedAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

export interface BatchOutcome {
  /** Responses read in the batch (commented ones), and whether the job is finished now. */
  analysed: number;
  finished: boolean;
  /** False when another runner held the job: nothing was done. */
  ran: boolean;
}

const JOB_COLUMNS = `environment_id AS "environmentId", reason, generation, cursor::text AS cursor,
  upto::text AS upto, total, done, started_at AS "startedAt", updated_at AS "updatedAt",
  finished_at AS "finishedAt"`;

/** The comment analysis job of each environment: its row, its reset and one batch of it. */
@Injectable()
export class CommentAnalysisJobsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One row, or none when the environment never needed a job. */
  async find(environmentId: string): Promise<CommentAnalysisJobRow | null> {
    const [row] = await this.dataSource.query(
      `SELECT ${JOB_COLUMNS} FROM comment_analysis_jobs WHERE environment_id = $1`,
      [environmentId],
    );
    return row ?? null;
  }

  /** Environments whose job has rows left, by id. */
  async listUnfinished(): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT environment_id::text AS id FROM comment_analysis_jobs WHERE finished_at IS NULL ORDER BY environment_id`,
    );
    return rows.map((row) => row.id);
  }

  /**
   * (Re)starts the job over every response stored now, in the caller's transaction (which holds
   * the environment's write lock exclusively, so no writer is between dictionaries). Responses
   * written later are analysed as they are written.
   */
  async restart(manager: EntityManager, environmentId: string, reason: string): Promise<void> {
    await manager.query(
      `INSERT INTO comment_analysis_jobs AS j (environment_id, reason, upto, total, finished_at)
       SELECT $1, $2, coalesce(max(r.id), 0), count(*) FILTER (WHERE r.comment IS NOT NULL),
              CASE WHEN count(*) FILTER (WHERE r.comment IS NOT NULL) = 0 THEN now() END
         FROM survey_responses r WHERE r.environment_id = $1
       ON CONFLICT (environment_id) DO UPDATE
         SET reason = excluded.reason, generation = j.generation + 1, cursor = 0, upto = excluded.upto,
             total = excluded.total, done = 0, started_at = now(), updated_at = now(),
             finished_at = excluded.finished_at`,
      [environmentId, reason],
    );
  }

  /**
   * One batch: the next `size` commented responses after the cursor (up to `upto`), analysed with
   * the dictionary of now and committed together with the new cursor, so a crash between batches
   * neither repeats nor skips one. A runner elsewhere holding the job makes this a no-op.
   */
  runBatch(environmentId: string, size: number): Promise<BatchOutcome> {
    return this.dataSource.transaction(async (manager) => {
      await lockEnvironmentForWrite(manager, environmentId, 'shared');
      const [job]: Array<{ cursor: string; upto: string; finished: boolean }> = await manager.query(
        `SELECT cursor::text, upto::text, finished_at IS NOT NULL AS finished FROM comment_analysis_jobs
          WHERE environment_id = $1 FOR UPDATE SKIP LOCKED`,
        [environmentId],
      );
      if (!job) return { analysed: 0, finished: false, ran: false };
      if (job.finished) return { analysed: 0, finished: true, ran: true };
      const { rows, whole } = await lockedBatch(manager, environmentId, job, size);
      await writeCommentAnalysis(
        manager,
        environmentId,
        rows,
        await loadThemeMatcher(manager, environmentId),
      );
      const finished = whole && rows.length < size;
      const cursor = finished ? job.upto : rows[rows.length - 1].id;
      await manager.query(
        `UPDATE comment_analysis_jobs
            SET cursor = $2, done = least(total, done + $3), updated_at = now(),
                finished_at = CASE WHEN $4 THEN now() END
          WHERE environment_id = $1`,
        [environmentId, cursor, rows.length, finished],
      );
      return { analysed: rows.length, finished, ran: true };
    });
  }
}

interface BatchRow {
  id: string;
  locked: boolean;
  comment: string | null;
  comment_version: string | null;
}

/**
 * The next `size` commented responses after the cursor, under FOR SHARE until commit: a writer
 * changing one of them meanwhile waits for the batch, so theme_mentions_1d's triggers on either
 * side see the other's committed row. SKIP LOCKED: the batch ends before the first response a
 * writer holds (`whole` false); when that is the first one, the batch lets go of the rest and
 * waits for that writer alone, so it never waits while holding rows a writer may want (no
 * deadlock, whatever order writers lock in).
 */
async function lockedBatch(
  manager: EntityManager,
  environmentId: string,
  job: { cursor: string; upto: string },
  size: number,
): Promise<{ rows: CommentToAnalyse[]; whole: boolean }> {
  for (;;) {
    await manager.query('SAVEPOINT comment_analysis_batch');
    // One row per response of the batch, in id order: locked false when a writer holds it.
    const rows: BatchRow[] = await manager.query(
      `WITH batch AS (
         SELECT r.id FROM survey_responses r
          WHERE r.environment_id = $1 AND r.id > $2 AND r.id <= $3 AND r.comment IS NOT NULL
          ORDER BY r.id LIMIT $4
       ), locked AS MATERIALIZED (
         SELECT r.id, r.comment, r.comment_version FROM survey_responses r
          WHERE r.environment_id = $1 AND r.id > $2 AND r.id <= (SELECT max(id) FROM batch)
            AND r.comment IS NOT NULL
            FOR SHARE SKIP LOCKED
       )
       SELECT b.id::text, l.id IS NOT NULL AS locked, l.comment, l.comment_version::text
         FROM batch b LEFT JOIN locked l ON l.id = b.id ORDER BY b.id`,
      [environmentId, job.cursor, job.upto, size],
    );
    const held = rows.findIndex((row) => !row.locked);
    if (held !== 0) {
      await manager.query('RELEASE SAVEPOINT comment_analysis_batch');
      return {
        rows: (held === -1 ? rows : rows.slice(0, held)).map((row) => ({
          id: row.id,
          comment: row.comment,
          commentVersion: row.comment_version!,
        })),
        whole: held === -1,
      };
    }
    await manager.query('ROLLBACK TO SAVEPOINT comment_analysis_batch');
    await manager.query(
      `SELECT 1 FROM survey_responses WHERE environment_id = $1 AND id = $2 FOR SHARE`,
      [environmentId, rows[0].id],
    );
  }
}
