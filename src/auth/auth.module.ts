import { Module } from '@nestjs/common';
import { StoreModule } from '../store/store.module';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysResolver } from './api-keys.resolver';
import { ApiKeysService } from './api-keys.service';
import { AuthenticationMiddleware } from './authentication.middleware';

@Module({
  imports: [StoreModule],
  providers: [ApiKeysRepository, ApiKeysService, ApiKeysResolver, AuthenticationMiddleware],
  exports: [ApiKeysService, AuthenticationMiddleware],
})
export class AuthModule {}
