import { Controller, Get, Inject, Logger, Res } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import type { Response } from 'express';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  DATABASE_UNAVAILABLE_MESSAGE,
  describeDatabaseError,
} from '../database/database-unavailable';
import { ReadReplicas } from '../database/read-replicas';
import { AnalyticsGate } from '../workload/analytics-gate';
import { HealthRepository } from './health.repository';

@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(
    private readonly health: HealthRepository,
    private readonly gate: AnalyticsGate,
    private readonly replicas: ReadReplicas,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /**
   * 200 when the database answers, 503 otherwise: for load balancers and orchestration. Never
   * waits for an analytics slot; `analytics` shows the instance's analytics load and how many
   * statements it shed; with read replicas, `replication` their lag and reads (each replica
   * checked within a second).
   */
  @Get()
  async check(@Res() response: Response): Promise<void> {
    try {
      const version = await this.health.ping();
      const replicated = this.config.replicas.urls.length > 0;
      if (replicated) await this.replicas.check();
      response.status(200).json({
        status: 'ok',
        database: { status: 'up', version },
        analytics: this.gate.status,
        ...(replicated ? { replication: this.replicas.status } : {}),
      });
    } catch (error) {
      // The driver's text is for the operators: it can name hosts, ports and users.
      this.logger.error(`database check failed: ${describeDatabaseError(error)}`);
      response
        .status(503)
        .setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS))
        .json({
          status: 'error',
          database: { status: 'down', message: DATABASE_UNAVAILABLE_MESSAGE },
        });
    }
  }
}
