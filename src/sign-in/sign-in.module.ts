import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { MembersModule } from '../members/members.module';
import { StoreModule } from '../store/store.module';
import { LoginThrottleRepository } from './login-throttle.repository';
import { LoginThrottleService } from './login-throttle.service';
import { OidcController } from './oidc/oidc.controller';
import { OidcService } from './oidc/oidc.service';
import { SessionMiddleware } from './session.middleware';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';
import { SignInController } from './sign-in.controller';
import { SignInService } from './sign-in.service';

/** Sign-in: password and SSO, sessions and their cookie, throttling, cross-site checks. */
@Module({
  imports: [StoreModule, MembersModule, MailModule],
  controllers: [SignInController, OidcController],
  providers: [
    SessionsRepository,
    SessionsService,
    LoginThrottleRepository,
    LoginThrottleService,
    SignInService,
    OidcService,
    SessionMiddleware,
  ],
  exports: [SessionsService, SessionMiddleware],
})
export class SignInModule {}
