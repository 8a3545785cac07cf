import { DynamicModule, Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertsModule } from './alerts/alerts.module';
import { AnalyticsModule } from './analytics/analytics.module';
import { AuthModule } from './auth/auth.module';
import { CommentsModule } from './comments/comments.module';
import { EmbedModule } from './embed/embed.module';
import { ExplorerModule } from './explorer/explorer.module';
import { AuthenticationMiddleware } from './auth/authentication.middleware';
import { AppExceptionFilter } from './common/app-exception.filter';
import { AppConfig } from './config/app-config';
import { buildDataSourceOptions } from './database/data-source';
import { EnvironmentsModule } from './environments/environments.module';
import { StoreModule } from './store/store.module';
import { graphqlOptions } from './graphql/graphql-options';
import { QueryLimitsPlugin } from './request-limits/query-limits.plugin';
import { ArgumentValuesPlugin } from './graphql/argument-values.plugin';
import { HealthModule } from './health/health.module';
import { IngestionModule } from './ingestion/ingestion.module';
import { UsersModule } from './users/users.module';
import { ScheduleModule } from '@nestjs/schedule';
import { CryptoModule } from './crypto/crypto.module';
import { DelightedModule } from './sources/delighted/delighted.module';
import { SurveyImportModule } from './sources/imports/survey-import.module';
import { AuditModule } from './audit/audit.module';
import { AuditLogModule } from './audit-log/audit-log.module';
import { MembersModule } from './members/members.module';
import { SignInModule } from './sign-in/sign-in.module';
import { SessionMiddleware } from './sign-in/session.middleware';

@Global()
@Module({})
class ConfigHolderModule {
  static with(config: AppConfig): DynamicModule {
    return {
      module: ConfigHolderModule,
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    };
  }
}

/** Feature modules, listed once for the app and for the schema generator. */
export const FEATURE_MODULES = [
  EnvironmentsModule,
  AuthModule,
  UsersModule,
  IngestionModule,
  HealthModule,
  SurveyImportModule,
  DelightedModule,
  AnalyticsModule,
  CommentsModule,
  EmbedModule,
  MembersModule,
  SignInModule,
  AuditLogModule,
  AlertsModule,
];

@Module({})
export class AppModule implements NestModule {
  /** `databaseUrl` is resolved before boot (DATABASE_URL, or the embedded server's). */
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigHolderModule.with(config),
        CryptoModule,
        // Global: features record what they change (src/audit).
        AuditModule,
        ScheduleModule.forRoot(),
        // The analytics connections (ReadReplicas) are the rest of DATABASE_POOL_SIZE.
        TypeOrmModule.forRoot(
          buildDataSourceOptions(
            databaseUrl,
            Math.max(1, config.databasePoolSize - config.analyticsMaxConcurrency),
            config.replicas.urls,
          ),
        ),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          ...graphqlOptions(config),
        }),
        // The query limits read environments (their time zone) to cost a request.
        StoreModule,
        ...FEATURE_MODULES,
        // Not a feature of the schema: the browser's page at GET /graphql and the schema file.
        ExplorerModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: AppExceptionFilter },
        // First: the later plugins coerce the variables too, and a bad one would be a 500 there.
        ArgumentValuesPlugin,
        QueryLimitsPlugin,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // A bearer credential first; without one, the member's session cookie.
    consumer.apply(AuthenticationMiddleware, SessionMiddleware).forRoutes('*path');
  }
}
