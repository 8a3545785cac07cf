import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Body, Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { projectRoot } from '../common/project-root';
import { AppConfig } from '../config/app-config';
import { EmbedView } from './embed.model';
import { EmbedService } from './embed.service';
import type { UserFilter } from '../graphql/user-filter.input';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );

function refusalPage(title: string, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>NPS analytics: ${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:90vh;margin:0;color:#1f2937;background:#f9fafb}
main{max-width:28rem;padding:2rem;text-align:center}h1{font-size:1.25rem}</style></head>
<body><main role="alert"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main></body></html>`;
}

/** Embed links for host back ends (REST) and the embedded page itself. */
@Controller()
export class EmbedController {
  constructor(
    private readonly embeds: EmbedService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  @Post('api/embed-links')
  @HttpCode(201)
  create(
    @CurrentPrincipal() principal: Principal | null,
    @Body()
    body: {
      environmentId?: string;
      view?: EmbedView;
      filter?: UserFilter;
      expiresInMinutes?: number;
    },
  ) {
    return this.embeds.createLink(principal, {
      environmentId: String(body?.environmentId ?? ''),
      view: body?.view as EmbedView,
      filter: body?.filter ?? null,
      expiresInMinutes: body?.expiresInMinutes ?? null,
    });
  }

  /** The dashboard for a valid link (framable by the configured origins); a refusal page otherwise. */
  @Get('embed')
  page(@Query('token') token: string | undefined, @Res() response: Response): void {
    response.setHeader(
      'Content-Security-Policy',
      `frame-ancestors ${this.config.embedFrameAncestors}`,
    );
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('Cache-Control', 'no-store');
    const checked = this.embeds.check(token);
    if ('problem' in checked) {
      const title =
        checked.problem === 'expired'
          ? 'This dashboard link has expired'
          : 'This dashboard link is not valid';
      const advice =
        checked.problem === 'expired'
          ? 'Embed links are short-lived. Reload the page in the application that showed it to get a new one.'
          : `${checked.message} Ask the application that showed it for a new link.`;
      response
        .status(checked.problem === 'expired' ? 401 : 403)
        .type('html')
        .send(refusalPage(title, advice));
      return;
    }
    const root = join(projectRoot(), 'client');
    const built = join(root, 'dist', 'index.html');
    response
      .status(200)
      .type('html')
      .send(readFileSync(existsSync(built) ? built : join(root, 'index.html'), 'utf8'));
  }
}
