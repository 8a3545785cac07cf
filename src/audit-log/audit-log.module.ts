import { Module } from '@nestjs/common';
import { AuditLogResolver } from './audit-log.resolver';

/** The auditLog query (the log itself is written through the global AuditModule). */
@Module({ providers: [AuditLogResolver] })
export class AuditLogModule {}
