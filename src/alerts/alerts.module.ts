import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module';
import { MailModule } from '../mail/mail.module';
import { StoreModule } from '../store/store.module';
import { DestinationSender } from './destinations/destination-sender';
import { TestAlertService } from './destinations/test-alert.service';
import { AlertEvaluationScheduler } from './evaluation/alert-evaluation.scheduler';
import { AlertEvaluationService } from './evaluation/alert-evaluation.service';
import { AlertPreviewService } from './evaluation/alert-preview.service';
import { ChangeRulesEvaluator } from './evaluation/change-rules.evaluator';
import { DetractorRulesEvaluator } from './evaluation/detractor-rules.evaluator';
import { DetractorScanRepository } from './evaluation/detractor-scan.repository';
import { DigestRulesEvaluator } from './evaluation/digest-rules.evaluator';
import { AlertEventsRepository } from './events/alert-events.repository';
import { AlertEventsResolver } from './events/alert-events.resolver';
import { AlertEventsService } from './events/alert-events.service';
import { AlertDeliveryService } from './outbox/alert-delivery.service';
import { DeliveryWorker } from './outbox/delivery.worker';
import { OutboxRepository } from './outbox/outbox.repository';
import { AlertRulesRepository } from './rules/alert-rules.repository';
import { AlertRulesResolver } from './rules/alert-rules.resolver';
import { AlertRulesService } from './rules/alert-rules.service';

/**
 * Alerts: rules (rules/), their evaluation (evaluation/: on ALERTS_EVALUATE_CRON, after stored
 * survey writes, on evaluateAlerts), events with their figures (events/), the outbox and its
 * worker (outbox/), and the destinations (destinations/: WEBHOOK, SLACK, EMAIL).
 */
@Module({
  imports: [AnalyticsModule, StoreModule, MailModule],
  providers: [
    AlertRulesRepository,
    AlertRulesService,
    AlertRulesResolver,
    AlertEventsRepository,
    AlertEventsService,
    AlertEventsResolver,
    ChangeRulesEvaluator,
    DetractorScanRepository,
    DetractorRulesEvaluator,
    DigestRulesEvaluator,
    AlertEvaluationService,
    AlertEvaluationScheduler,
    AlertPreviewService,
    OutboxRepository,
    AlertDeliveryService,
    DeliveryWorker,
    DestinationSender,
    TestAlertService,
  ],
  exports: [AlertEvaluationService, AlertDeliveryService],
})
export class AlertsModule {}
