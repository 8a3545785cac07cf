import { Inject, Injectable } from '@nestjs/common';
import { Principal, refuseEmbed, requireEnvironmentRole } from '../auth/principal';
import { Role } from '../auth/role';
import { AppError } from '../common/app-error';
import { parseEnvironmentId } from '../common/environment-id';
import { AppConfig } from '../config/app-config';
import { crossesAnalyzeMark } from '../database/analyze-marks';
import {
  COMMENT_TABLES,
  PlannerStatisticsRepository,
} from '../database/planner-statistics.repository';
import {
  CommentAnalysisJobsRepository,
  type CommentAnalysisJobRow,
} from './comment-analysis-jobs.repository';
import type { CommentAnalysisProgressModel } from './comment-themes.model';

/**
 * Runs the comment analysis job (docs/comment-analysis.md, "The analysis job"): the scheduler,
 * runCommentAnalysis and the tests all call `run`.
 */
@Injectable()
export class CommentAnalysisService {
  constructor(
    private readonly jobs: CommentAnalysisJobsRepository,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly statistics: PlannerStatisticsRepository,
  ) {}

  /** Environment.commentAnalysis: null when the environment never needed a job. */
  async progress(
    principal: Principal | null,
    id: string,
  ): Promise<CommentAnalysisProgressModel | null> {
    const environmentId = parseEnvironmentId(id, 'id');
    requireEnvironmentRole(principal, environmentId, Role.ANALYST);
    const job = await this.jobs.find(environmentId);
    return job ? progressOf(job) : null;
  }

  /** runCommentAnalysis: ADMIN/ARCHITECT run up to `maxComments` comments of the job now. */
  async runNow(
    principal: Principal | null,
    id: string,
    maxComments: number | null | undefined,
  ): Promise<CommentAnalysisProgressModel | null> {
    refuseEmbed(principal, 'run jobs');
    const environmentId = parseEnvironmentId(id, 'environmentId');
    requireEnvironmentRole(principal, environmentId, Role.ARCHITECT);
    if (maxComments != null && (!Number.isInteger(maxComments) || maxComments < 1)) {
      throw AppError.badInput('maxComments must be a positive integer.', 'maxComments');
    }
    await this.run(environmentId, maxComments ?? Number.POSITIVE_INFINITY);
    const job = await this.jobs.find(environmentId);
    return job ? progressOf(job) : null;
  }

  /**
   * Batches of COMMENT_ANALYSIS_BATCH until the job is done or about `maxComments` were analysed;
   * returns how many were. Stops at once when another runner holds the job.
   */
  async run(environmentId: string, maxComments = Number.POSITIVE_INFINITY): Promise<number> {
    let analysed = 0;
    while (analysed < maxComments) {
      const size = Math.min(this.config.commentAnalysisBatch, maxComments - analysed);
      const outcome = await this.jobs.runBatch(environmentId, size);
      const before = analysed;
      analysed += outcome.analysed;
      // A backfill grows these tables from nothing: filtered theme figures plan from them.
      if (crossesAnalyzeMark(before, analysed)) await this.statistics.analyze(COMMENT_TABLES);
      if (!outcome.ran || outcome.finished) break;
    }
    return analysed;
  }

  /** Every environment whose job has rows left, one after the other. */
  async runAll(): Promise<void> {
    for (const environmentId of await this.jobs.listUnfinished()) await this.run(environmentId);
  }
}

function progressOf(job: CommentAnalysisJobRow): CommentAnalysisProgressModel {
  const finished = job.finishedAt !== null;
  return {
    reason: job.reason,
    total: job.total,
    done: finished ? job.total : job.done,
    percent: finished || job.total === 0 ? 100 : (100 * job.done) / job.total,
    finished,
    startedAt: job.startedAt,
    updatedAt: job.updatedAt,
    finishedAt: job.finishedAt,
  };
}
