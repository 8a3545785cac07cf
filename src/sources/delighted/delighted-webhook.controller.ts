import { Controller, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import type { Request } from 'express';
import { DelightedSourceService } from './delighted-source.service';

/** Delighted's webhook target; authenticated by the body's HMAC signature, not by an API key. */
@Controller('webhooks/delighted')
export class DelightedWebhookController {
  constructor(private readonly delighted: DelightedSourceService) {}

  @Post(':environmentId')
  @HttpCode(200)
  receive(
    @Param('environmentId') environmentId: string,
    @Req() request: RawBodyRequest<Request>,
    @Headers('x-delighted-webhook-signature') signature?: string,
  ) {
    return this.delighted.receiveWebhook(environmentId, request.rawBody, signature);
  }
}
