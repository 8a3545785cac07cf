import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { AppModule } from './app.module';
import { precompressedAssets } from './common/precompressed-assets.middleware';
import { projectRoot } from './common/project-root';
import { expectsContinue } from './common/request-body';
import { StartupError } from './config/startup-error';
import { AppConfig } from './config/app-config';
import { JsonLogger } from './logging/json-logger';
import { requestLogging } from './logging/request-logging.middleware';
import { isSurveyImportRequest } from './sources/imports/survey-import.upload';

/** The dashboard build, or null when it has not been built (`npm run client:build`). */
function clientBuild(): string | null {
  const dist = join(projectRoot(), 'client', 'dist');
  return existsSync(join(dist, 'index.html')) ? dist : null;
}

/** Builds the HTTP application on an already migrated database. Used by main and by the tests. */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  logger = new JsonLogger(config.logLevel),
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, databaseUrl),
    {
      logger,
      rawBody: true,
      bodyParser: false,
    },
  );
  app.use(requestLogging(logger));
  // Node answers "100 Continue" to every Expect by itself; here each route asks for the body
  // when it wants it: at once, except survey imports, which ask once the caller is authorised.
  const server = app.getHttpServer() as Server;
  server.on('checkContinue', (request, response) => server.emit('request', request, response));
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (expectsContinue(request) && !isSurveyImportRequest(request)) response.writeContinue();
    next();
  });
  // Survey imports stream their own body under MAX_IMPORT_BYTES, after authorisation. No form
  // bodies: the JSON routes refuse anything but JSON.
  const unlessImport = (types: string[]) => (request: Request) =>
    !isSurveyImportRequest(request) && Boolean(request.is(types));
  app.useBodyParser('json', {
    limit: config.maxBodyBytes,
    type: unlessImport(['application/json']),
  });
  app.useBodyParser('text', {
    limit: config.maxBodyBytes,
    type: unlessImport(['text/csv', 'text/plain']),
  });
  // Only /embed may be framed (by EMBED_FRAME_ANCESTORS); the standalone dashboard may not.
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (!request.path.startsWith('/embed')) {
      response.setHeader('X-Frame-Options', 'SAMEORIGIN');
      response.setHeader('Content-Security-Policy', "frame-ancestors 'self'");
    }
    next();
  });
  const build = clientBuild();
  if (build) {
    // The explorer's page has one address, /graphql (under its own policy), not its build folder.
    app.use('/explorer', (_request: Request, response: Response) =>
      response.redirect(308, '/graphql'),
    );
    app.use(precompressedAssets(join(build, 'assets')));
    app.useStaticAssets(build, { index: 'index.html' });
  } else {
    // Unbuilt: only the entry page (it says how to build), never the client's sources.
    app.use((request: Request, response: Response, next: NextFunction) => {
      if (request.method === 'GET' && request.path === '/') {
        response.sendFile(join(projectRoot(), 'client', 'index.html'));
      } else {
        next();
      }
    });
  }
  app.set('trust proxy', true);
  app.disable('x-powered-by');
  await app.init();
  return app;
}

/**
 * Listens on PORT and HOST. A port taken by another program or a HOST that is not an address of
 * this machine is refused with the variable to change, not a stack trace.
 */
export async function listenOn(app: NestExpressApplication, config: AppConfig): Promise<void> {
  try {
    await app.listen(config.port, config.host);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') {
      throw new StartupError(
        `PORT=${config.port} is already in use on HOST=${config.host} by another program; set PORT to a free port, e.g. \`PORT=${config.port + 1} npm start\`.`,
      );
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EADDRNOTAVAIL') {
      throw new StartupError(
        `HOST="${config.host}" is not an address of this machine${code === 'EADDRNOTAVAIL' ? '' : ' (it does not resolve)'}; set HOST to 0.0.0.0 (every interface), 127.0.0.1 (this machine only) or one of its addresses.`,
      );
    }
    if (code === 'EACCES') {
      throw new StartupError(
        `PORT=${config.port} needs privileges this process does not have; set PORT to 1024 or above.`,
      );
    }
    throw error;
  }
}
