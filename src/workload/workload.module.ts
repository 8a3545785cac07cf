import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { AnalyticsGate } from './analytics-gate';
import { RequestWorkMiddleware } from './request-work';

/** Per-instance bounds on analytics work, and cancellation of a request's work with it. */
@Module({ providers: [AnalyticsGate], exports: [AnalyticsGate] })
export class WorkloadModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestWorkMiddleware).forRoutes('*path');
  }
}
