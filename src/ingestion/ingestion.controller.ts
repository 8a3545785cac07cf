import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { JsonBodyGuard } from '../common/json-body.guard';
import { IngestionService } from './ingestion.service';

/** Heap's server-side API: single and bulk forms share a route, as in Heap. JSON bodies only. */
@Controller('api')
@UseGuards(JsonBodyGuard)
export class IngestionController {
  constructor(private readonly ingestion: IngestionService) {}

  @Post('track')
  @HttpCode(200)
  track(@CurrentPrincipal() principal: Principal | null, @Body() body: unknown) {
    return this.ingestion.track(principal, body);
  }

  @Post('add_user_properties')
  @HttpCode(200)
  addUserProperties(@CurrentPrincipal() principal: Principal | null, @Body() body: unknown) {
    return this.ingestion.addUserProperties(principal, body);
  }
}
