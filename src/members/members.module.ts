import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { StoreModule } from '../store/store.module';
import { InvitationsRepository } from './invitations.repository';
import { InvitationsService } from './invitations.service';
import { MemberTokensRepository } from './member-tokens.repository';
import { MembersRepository } from './members.repository';
import { MembersResolver } from './members.resolver';
import { MembersService } from './members.service';
import { PasswordResetsService } from './password-resets.service';
import { SetupService } from './setup.service';
import { ViewerFieldsResolver } from './viewer-fields.resolver';

/** Members (people who sign in), their roles per environment, invitations and passwords. */
@Module({
  imports: [StoreModule, MailModule],
  providers: [
    MembersRepository,
    InvitationsRepository,
    MemberTokensRepository,
    MembersService,
    InvitationsService,
    PasswordResetsService,
    SetupService,
    MembersResolver,
    ViewerFieldsResolver,
  ],
  exports: [MembersService, InvitationsService, PasswordResetsService, SetupService],
})
export class MembersModule {}
