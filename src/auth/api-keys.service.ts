import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { AppError } from '../common/app-error';
import { EnvironmentsRepository } from '../store/environments.repository';
import { parseEnvironmentId } from '../common/environment-id';
import { EmbedSecret } from '../crypto/embed-secret';
import { looksLikeEmbedToken, verifyEmbedToken } from './embed-token';
import { ApiKeyEntity } from './api-key.entity';
import {
  constantTimeEquals,
  displayPrefix,
  generateApiKeySecret,
  hashApiKeySecret,
} from './api-key-secret';
import { ApiKeysRepository } from './api-keys.repository';
import {
  Principal,
  auditActor,
  isGlobalAdmin,
  reachableEnvironments,
  requireEnvironmentRole,
  requireGlobalAdmin,
  requirePrincipal,
  roleIn,
} from './principal';
import { Role } from './role';
import { AuditService } from '../audit/audit.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How often a key's last_used_at is written at most (ApiKeysRepository.touch skips a newer one). */
const KEY_USE_RESOLUTION_MS = 60_000;

@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger(ApiKeysService.name);
  /** When this instance last recorded each key's use (ms since the epoch). */
  private readonly lastRecordedUse = new Map<string, number>();

  constructor(
    private readonly apiKeys: ApiKeysRepository,
    private readonly environments: EnvironmentsRepository,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly embedSecret: EmbedSecret,
    private readonly audit: AuditService,
  ) {}

  /** Resolves a bearer secret to its principal; null when unknown or revoked. */
  async authenticate(secret: string): Promise<Principal | null> {
    if (looksLikeEmbedToken(secret)) {
      // Expired or tampered links are refused with the reason, so the embed page can say why.
      const claims = verifyEmbedToken(secret, this.embedSecret.value);
      return {
        kind: 'embed',
        keyId: null,
        role: Role.ANALYST,
        environmentId: claims.env,
        embed: {
          view: claims.view,
          conditions: claims.filter,
          ...(typeof claims.jti === 'string' ? { tokenId: claims.jti } : {}),
        },
      };
    }
    const bootstrap = this.config.bootstrapAdminKey;
    if (bootstrap && constantTimeEquals(secret, bootstrap)) {
      return { kind: 'bootstrap', keyId: null, role: Role.ADMIN, environmentId: null };
    }
    const key = await this.apiKeys.findActiveByHash(hashApiKeySecret(secret));
    if (!key) return null;
    this.recordUse(key.id);
    return { kind: 'api-key', keyId: key.id, role: key.role, environmentId: key.environmentId };
  }

  /**
   * Records a key's last use at most once a minute per instance (the column's resolution), so a
   * busy dashboard's requests do not each write.
   */
  private recordUse(keyId: string): void {
    const now = Date.now();
    if (now - (this.lastRecordedUse.get(keyId) ?? 0) < KEY_USE_RESOLUTION_MS) return;
    if (this.lastRecordedUse.size >= 10_000) this.lastRecordedUse.clear();
    this.lastRecordedUse.set(keyId, now);
    this.apiKeys.touch(keyId).catch((error: unknown) => {
      this.lastRecordedUse.delete(keyId);
      this.logger.warn(`could not record key use: ${String(error)}`);
    });
  }

  /**
   * Creates a key and returns its secret, which is never retrievable again. Global keys must be
   * ADMIN keys and need a global ADMIN; environment keys need ADMIN in that environment.
   */
  async create(
    caller: Principal | null,
    input: { environmentId?: string | null; role: Role; name: string },
  ): Promise<{ key: ApiKeyEntity; secret: string }> {
    const name = input.name.trim();
    if (name.length === 0 || name.length > 200) {
      throw AppError.badInput(
        'name must be 1 to 200 characters, e.g. "ingestion from backend".',
        'name',
      );
    }
    let environmentId: string | null = null;
    if (input.environmentId === null || input.environmentId === undefined) {
      requireGlobalAdmin(caller);
      if (input.role !== Role.ADMIN) {
        throw AppError.badInput(
          `A ${input.role} key must belong to an environment: pass environmentId.`,
          'environmentId',
        );
      }
    } else {
      environmentId = parseEnvironmentId(input.environmentId, 'environmentId');
      requireEnvironmentRole(caller, environmentId, Role.ADMIN);
      if (!(await this.environments.findById(environmentId))) {
        throw AppError.notFound(`Environment ${environmentId} does not exist.`);
      }
    }
    const secret = generateApiKeySecret();
    const key = await this.apiKeys.insert({
      environmentId,
      role: input.role,
      name,
      keyPrefix: displayPrefix(secret),
      keyHash: hashApiKeySecret(secret),
    });
    await this.audit.record({
      actor: auditActor(caller),
      action: 'api_key.create',
      target: `api_key:${key.id}`,
      environmentId,
      details: { name, role: input.role, keyPrefix: key.keyPrefix },
    });
    return { key, secret };
  }

  async revoke(caller: Principal | null, id: string): Promise<ApiKeyEntity> {
    const key = UUID.test(id) ? await this.apiKeys.findById(id) : null;
    if (!key) throw AppError.notFound(`No API key has id "${id}".`);
    if (key.environmentId === null) requireGlobalAdmin(caller);
    else requireEnvironmentRole(caller, key.environmentId, Role.ADMIN);
    const revoked = await this.apiKeys.revoke(id);
    if (!revoked) throw AppError.notFound(`No API key has id "${id}".`);
    await this.audit.record({
      actor: auditActor(caller),
      action: 'api_key.revoke',
      target: `api_key:${key.id}`,
      environmentId: key.environmentId,
      details: { name: key.name, role: key.role },
    });
    return revoked;
  }

  /** Keys visible to the caller: a global admin sees all (or one environment's), others their environment's. */
  async list(caller: Principal | null, environmentId?: string | null): Promise<ApiKeyEntity[]> {
    const principal = requirePrincipal(caller);
    if (environmentId === null || environmentId === undefined) {
      if (isGlobalAdmin(principal)) return this.apiKeys.list(undefined);
      const administered = (reachableEnvironments(principal) ?? []).filter(
        (id) => roleIn(principal, id) === Role.ADMIN,
      );
      if (administered.length === 0) throw AppError.forbidden('Listing keys needs the ADMIN role.');
      const lists = await Promise.all(administered.map((id) => this.apiKeys.list(id)));
      return lists.flat();
    }
    const id = parseEnvironmentId(environmentId, 'environmentId');
    requireEnvironmentRole(principal, id, Role.ADMIN);
    return this.apiKeys.list(id);
  }
}
