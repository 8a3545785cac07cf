import { Module } from '@nestjs/common';
import { PlannerStatisticsModule } from '../database/planner-statistics.module';
import { CommentAnalysisJobsRepository } from './comment-analysis-jobs.repository';
import { CommentAnalysisScheduler } from './comment-analysis.scheduler';
import { CommentAnalysisService } from './comment-analysis.service';
import { CommentThemesRepository } from './comment-themes.repository';
import { CommentThemesResolver } from './comment-themes.resolver';
import { CommentThemesService } from './comment-themes.service';

/** Theme dictionaries and the job that analyses stored comments (docs/comment-analysis.md). */
@Module({
  imports: [PlannerStatisticsModule],
  providers: [
    CommentAnalysisJobsRepository,
    CommentThemesRepository,
    CommentThemesService,
    CommentAnalysisService,
    CommentAnalysisScheduler,
    CommentThemesResolver,
  ],
  exports: [CommentAnalysisService],
})
export class CommentsModule {}
