import { Module } from '@nestjs/common';
import { StoreModule } from '../store/store.module';
import { EnvironmentsResolver } from './environments.resolver';
import { EnvironmentsService } from './environments.service';

@Module({
  imports: [StoreModule],
  providers: [EnvironmentsService, EnvironmentsResolver],
  exports: [EnvironmentsService],
})
export class EnvironmentsModule {}
