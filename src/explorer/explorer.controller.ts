import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { EXPLORER_FILES } from './explorer.tokens';
import type { ExplorerFiles } from './explorer-files';

@Controller('graphql')
export class ExplorerController {
  constructor(@Inject(EXPLORER_FILES) private readonly files: ExplorerFiles) {}

  /**
   * The published schema (SDL) the explorer builds its docs and completion from. Public, like
   * schema.gql in the repository: introspection stays off (GRAPHQL_INTROSPECTION), and knowing
   * the schema grants nothing without a key.
   */
  @Get('schema.graphql')
  schema(@Res() response: Response): void {
    response.setHeader('Cache-Control', 'no-cache');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.type('text/plain; charset=utf-8');
    response.sendFile(this.files.schemaFile);
  }
}
