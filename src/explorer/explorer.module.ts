import { Inject, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { ExplorerController } from './explorer.controller';
import { explorerFiles, type ExplorerFiles } from './explorer-files';
import { explorerPage } from './explorer-page';
import { EXPLORER_FILES } from './explorer.tokens';

/**
 * The GraphQL explorer: GraphiQL (built into client/dist/explorer) at GET /graphql for browsers,
 * and the schema it shows at /graphql/schema.graphql. Both run before Apollo's /graphql handler.
 */
@Module({
  controllers: [ExplorerController],
  providers: [{ provide: EXPLORER_FILES, useFactory: () => explorerFiles() }],
})
export class ExplorerModule implements NestModule {
  constructor(@Inject(EXPLORER_FILES) private readonly files: ExplorerFiles) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(explorerPage(this.files.page))
      .forRoutes({ path: 'graphql', method: RequestMethod.GET });
  }
}
