import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { HealthRepository } from './health.repository';

@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthRepository) {}

  /** 200 when the database answers, 503 otherwise: for load balancers and orchestration. */
  @Get()
  async check(@Res() response: Response): Promise<void> {
    try {
      const version = await this.health.ping();
      response.status(200).json({ status: 'ok', database: { status: 'up', version } });
    } catch (error) {
      response.status(503).json({
        status: 'error',
        database: { status: 'down', error: error instanceof Error ? error.message : String(error) },
      });
    }
  }
}
