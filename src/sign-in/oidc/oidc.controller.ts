import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppConfig } from '../../config/app-config';
import { readCookie } from '../session-cookie';
import { SignInService } from '../sign-in.service';
import { OidcService, SsoRefusal } from './oidc.service';

const PENDING_COOKIE = 'nps_oidc';
const PENDING_PATH = '/auth/oidc';

/** GET /auth/oidc/login → the provider; GET /auth/oidc/callback → session cookie → dashboard. */
@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    private readonly signIn: SignInService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  @Get('login')
  async login(@Res() response: Response): Promise<void> {
    const { url, sealed } = await this.oidc.start();
    response.cookie(PENDING_COOKIE, sealed, {
      httpOnly: true,
      // Lax: the provider's redirect back is a top-level GET, which carries it.
      sameSite: 'lax',
      path: PENDING_PATH,
      secure: this.config.signIn.secureCookies,
      maxAge: 10 * 60 * 1000,
    });
    response.redirect(302, url);
  }

  @Get('callback')
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    const sealed = readCookie(request, PENDING_COOKIE);
    response.clearCookie(PENDING_COOKIE, { path: PENDING_PATH });
    const query = request.originalUrl.split('?')[1] ?? '';
    try {
      const member = await this.oidc.finish(query, sealed);
      await this.signIn.open(member, 'sso', request, response);
      response.redirect(302, `${this.config.publicUrl}/`);
    } catch (error) {
      if (!(error instanceof SsoRefusal)) throw error;
      response.redirect(
        302,
        `${this.config.publicUrl}/#sign-in-error=${encodeURIComponent(error.message)}`,
      );
    }
  }
}
