import { Module } from '@nestjs/common';
import { EnvironmentsModule } from '../environments/environments.module';
import { EmbedController } from './embed.controller';
import { EmbedResolver } from './embed.resolver';
import { EmbedService } from './embed.service';

@Module({
  imports: [EnvironmentsModule],
  controllers: [EmbedController],
  providers: [EmbedService, EmbedResolver],
})
export class EmbedModule {}
