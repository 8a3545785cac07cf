import { Module } from '@nestjs/common';
import { PlannerStatisticsRepository } from './planner-statistics.repository';

@Module({ providers: [PlannerStatisticsRepository], exports: [PlannerStatisticsRepository] })
export class PlannerStatisticsModule {}
