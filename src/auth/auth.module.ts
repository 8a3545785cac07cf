import { Module } from '@nestjs/common';
import { EnvironmentsModule } from '../environments/environments.module';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysResolver } from './api-keys.resolver';
import { ApiKeysService } from './api-keys.service';
import { AuthenticationMiddleware } from './authentication.middleware';

@Module({
  imports: [EnvironmentsModule],
  providers: [ApiKeysRepository, ApiKeysService, ApiKeysResolver, AuthenticationMiddleware],
  exports: [ApiKeysService, AuthenticationMiddleware],
})
export class AuthModule {}
