import { Module } from '@nestjs/common';
import { MailService } from './mail.service';

/** Outgoing email (invitations, password resets, alerts) through SMTP_URL. */
@Module({ providers: [MailService], exports: [MailService] })
export class MailModule {}
