import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuditService } from '../audit/audit.service';
import { AuthenticatedRequest, principalOf } from '../auth/current-principal.decorator';
import { AppError } from '../common/app-error';
import { JsonBodyGuard } from '../common/json-body.guard';
import { AppConfig } from '../config/app-config';
import { InvitationsService } from '../members/invitations.service';
import { MembersService } from '../members/members.service';
import { PasswordResetsService } from '../members/password-resets.service';
import { SetupService } from '../members/setup.service';
import { MailService } from '../mail/mail.service';
import { SESSION_COOKIE, clearSessionCookie, readCookie } from './session-cookie';
import { SessionsService } from './sessions.service';
import { SignInService, SignedIn } from './sign-in.service';

type Body = Record<string, unknown> | undefined;

/** Sign-in over REST: the contract the dashboard and the tests use (README, Sign-in). */
@Controller('auth')
export class SignInController {
  constructor(
    private readonly signIn: SignInService,
    private readonly sessions: SessionsService,
    private readonly members: MembersService,
    private readonly invitations: InvitationsService,
    private readonly resets: PasswordResetsService,
    private readonly setup: SetupService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** What the sign-in page may offer. */
  @Get('options')
  options() {
    return { sso: this.config.signIn.oidc !== null, passwordResetByEmail: this.mail.configured };
  }

  @Post('login')
  @HttpCode(200)
  @UseGuards(JsonBodyGuard)
  login(
    @Body() body: Body,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SignedIn> {
    return this.signIn.login(body, request, response);
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const token = readCookie(request, SESSION_COOKIE);
    const session = token ? await this.sessions.end(token) : null;
    clearSessionCookie(response, this.config.signIn.secureCookies);
    if (session) {
      const member = await this.members.identity(session.memberId, null);
      await this.audit.record({
        actor: { kind: 'member', id: session.memberId, label: member?.email ?? session.memberId },
        action: 'auth.logout',
        target: `member:${session.memberId}`,
      });
    }
  }

  private signedInMember(request: Request) {
    const principal = principalOf(request as AuthenticatedRequest);
    const member = principal?.member;
    if (!member?.sessionId) throw AppError.unauthenticated('Sign in first.');
    return member;
  }

  @Post('logout-everywhere')
  @HttpCode(204)
  async logoutEverywhere(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const member = this.signedInMember(request);
    const ended = await this.sessions.endAll(member.id);
    clearSessionCookie(response, this.config.signIn.secureCookies);
    await this.audit.record({
      actor: { kind: 'member', id: member.id, label: member.email },
      action: 'auth.logout_everywhere',
      target: `member:${member.id}`,
      details: { sessions: ended },
    });
  }

  /** The signed-in member changes their password; their other sessions end. */
  @Post('password')
  @HttpCode(204)
  @UseGuards(JsonBodyGuard)
  async changePassword(@Body() body: Body, @Req() request: Request) {
    const member = this.signedInMember(request);
    await this.members.changePassword(member.id, body?.currentPassword, body?.newPassword);
    await this.sessions.endAll(member.id, member.sessionId!);
  }

  @Post('invitations/accept')
  @HttpCode(200)
  @UseGuards(JsonBodyGuard)
  async acceptInvitation(
    @Body() body: Body,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SignedIn> {
    const signedIn = (request as AuthenticatedRequest).principal ?? null;
    const member = await this.invitations.accept(
      { token: body?.token, name: body?.name, password: body?.password },
      signedIn,
    );
    return this.signIn.open(member, 'invitation', request, response);
  }

  /** First run: the setup link creates the owner and signs them in. */
  @Post('setup')
  @HttpCode(200)
  @UseGuards(JsonBodyGuard)
  async completeSetup(
    @Body() body: Body,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SignedIn> {
    const owner = await this.setup.complete({
      token: body?.token,
      email: body?.email,
      name: body?.name,
      password: body?.password,
    });
    return this.signIn.open(owner, 'setup', request, response);
  }

  /** "Forgot password": 202 whether or not the email is a member's. */
  @Post('password-reset/request')
  @HttpCode(202)
  @UseGuards(JsonBodyGuard)
  async requestReset(@Body() body: Body) {
    await this.resets.request(body?.email);
    return { message: 'If this email has an account, a reset link is on its way.' };
  }

  /** Uses a reset link: every session of the member ends, and a new one opens here. */
  @Post('password-reset')
  @HttpCode(200)
  @UseGuards(JsonBodyGuard)
  async completeReset(
    @Body() body: Body,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SignedIn> {
    const member = await this.resets.complete(body?.token, body?.password);
    await this.sessions.endAll(member.id);
    return this.signIn.open(member, 'reset', request, response);
  }
}
