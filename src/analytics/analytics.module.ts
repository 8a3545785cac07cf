import { Module } from '@nestjs/common';
import { ReadReplicasModule } from '../database/read-replicas.module';
import { WorkloadModule } from '../workload/workload.module';
import { AccountsRepository } from './accounts/accounts.repository';
import { AccountsResolver } from './accounts/accounts.resolver';
import { AccountsService } from './accounts/accounts.service';
import { ChangeRepository } from './change/change.repository';
import { ChangeResolver } from './change/change.resolver';
import { ChangeService } from './change/change.service';
import { DistributionRepository } from './distribution/distribution.repository';
import { DistributionResolver } from './distribution/distribution.resolver';
import { DistributionService } from './distribution/distribution.service';
import { TransitionsRepository } from './transitions/transitions.repository';
import { TransitionPairsResolver, TransitionsResolver } from './transitions/transitions.resolver';
import { TransitionsService } from './transitions/transitions.service';
import { CorrelationsRepository } from './correlations/correlations.repository';
import { CorrelationsResolver } from './correlations/correlations.resolver';
import { CorrelationsService } from './correlations/correlations.service';
import { ResponsesRepository } from './responses/responses.repository';
import { ResponsesResolver } from './responses/responses.resolver';
import { ResponsesService } from './responses/responses.service';
import { SegmentsRepository } from './segments/segments.repository';
import { SegmentsResolver } from './segments/segments.resolver';
import { SegmentsService } from './segments/segments.service';
import { AnalyticsSqlRunner } from './sql/analytics-sql.runner';
import { NewestResponseRepository } from './sql/newest-response.repository';
import { WindowCountsRepository } from './sql/window-counts.repository';
import { SummaryRepository } from './summary/summary.repository';
import { SummaryResolver } from './summary/summary.resolver';
import { SummaryService } from './summary/summary.service';
import { ThemesRepository } from './themes/themes.repository';
import { ThemesResolver } from './themes/themes.resolver';
import { ThemesService } from './themes/themes.service';
import { TrendRepository } from './trend/trend.repository';
import { TrendResolver } from './trend/trend.resolver';
import { TrendService } from './trend/trend.service';

/** NPS analytics on Environment, one folder per question (summary, trend, segments, …). */
@Module({
  imports: [WorkloadModule, ReadReplicasModule],
  providers: [
    AnalyticsSqlRunner,
    WindowCountsRepository,
    NewestResponseRepository,
    SummaryRepository,
    SummaryService,
    SummaryResolver,
    TrendRepository,
    TrendService,
    TrendResolver,
    SegmentsRepository,
    SegmentsService,
    SegmentsResolver,
    CorrelationsRepository,
    CorrelationsService,
    CorrelationsResolver,
    ResponsesRepository,
    ResponsesService,
    ResponsesResolver,
    ChangeRepository,
    ChangeService,
    ChangeResolver,
    DistributionRepository,
    DistributionService,
    DistributionResolver,
    TransitionsRepository,
    TransitionsService,
    TransitionsResolver,
    TransitionPairsResolver,
    AccountsRepository,
    AccountsService,
    AccountsResolver,
    ThemesRepository,
    ThemesService,
    ThemesResolver,
  ],
  // What other capabilities (alerts) ask of analytics: the same figures, through the services.
  exports: [SummaryService, CorrelationsService, ResponsesService],
})
export class AnalyticsModule {}
