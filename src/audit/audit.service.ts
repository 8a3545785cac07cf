import { Injectable, Logger } from '@nestjs/common';
import { currentRequestIp } from '../logging/request-context';
import { AuditRecord } from './audit-actor';
import { AuditQuery, AuditRepository } from './audit.repository';
import { AuditEntryEntity } from './audit-entry.entity';

/** Keys whose values are never written to the log, wherever they appear in details. */
const SECRET_KEY = /password|secret|token|key$|apikey|cookie|hash/i;

function withoutSecrets(details: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(details)) {
    if (value === undefined) continue;
    kept[name] = SECRET_KEY.test(name) ? '[redacted]' : value;
  }
  return kept;
}

/**
 * The append-only audit log: what was done, by whom (member or key), when, from where. Features
 * call record() after the change succeeded; the callers' access checks stay theirs.
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(private readonly entries: AuditRepository) {}

  /**
   * Appends one entry. A failure to write is logged and does not undo the action it describes
   * (which has already happened).
   */
  async record(entry: AuditRecord): Promise<void> {
    try {
      await this.entries.append({
        actorKind: entry.actor.kind,
        actorId: entry.actor.id,
        actorLabel: entry.actor.label,
        environmentId: entry.environmentId ?? null,
        action: entry.action,
        target: entry.target ?? null,
        details: withoutSecrets(entry.details ?? {}),
        ip: entry.ip ?? currentRequestIp(),
      });
    } catch (error) {
      this.logger.error(`audit entry ${entry.action} not written: ${String(error)}`);
    }
  }

  page(query: AuditQuery): Promise<{ rows: AuditEntryEntity[]; total: number }> {
    return this.entries.page(query);
  }
}
