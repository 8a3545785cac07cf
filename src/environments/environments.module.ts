import { Module } from '@nestjs/common';
import { EnvironmentsRepository } from './environments.repository';
import { EnvironmentsResolver } from './environments.resolver';
import { EnvironmentsService } from './environments.service';

@Module({
  providers: [EnvironmentsRepository, EnvironmentsService, EnvironmentsResolver],
  exports: [EnvironmentsRepository, EnvironmentsService],
})
export class EnvironmentsModule {}
