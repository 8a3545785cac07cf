import { Module } from '@nestjs/common';
import { EnvironmentsModule } from '../environments/environments.module';
import { EmbedController } from './embed.controller';
import { EmbedFieldAccessPlugin } from './embed-field-access.plugin';
import { EmbedResolver } from './embed.resolver';
import { EmbedService } from './embed.service';

@Module({
  imports: [EnvironmentsModule],
  controllers: [EmbedController],
  // The plugin is found by @nestjs/apollo in any module's providers.
  providers: [EmbedService, EmbedResolver, EmbedFieldAccessPlugin],
})
export class EmbedModule {}
