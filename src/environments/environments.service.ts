import { Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error';
import { isValidTimeZone } from '../common/time-zone';
import {
  Principal,
  auditActor,
  reachableEnvironments,
  requireEnvironmentRole,
  roleIn,
  requireGlobalAdmin,
  requirePrincipal,
} from '../auth/principal';
import { Role, roleAtLeast } from '../auth/role';
import { AuditService } from '../audit/audit.service';
import { EnvironmentEntity } from '../store/environment.entity';
import { parseEnvironmentId } from '../common/environment-id';
import { EnvironmentsRepository } from '../store/environments.repository';

/** Each chosen property costs every response and user write a little: five is plenty for a dashboard. */
export const MAX_BREAKDOWN_PROPERTIES = 5;

@Injectable()
export class EnvironmentsService {
  constructor(
    private readonly environments: EnvironmentsRepository,
    private readonly audit: AuditService,
  ) {}

  async create(
    caller: Principal | null,
    name: string,
    timezone?: string | null,
  ): Promise<EnvironmentEntity> {
    requireGlobalAdmin(caller);
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > 200) {
      throw AppError.badInput('name must be 1 to 200 characters.', 'name');
    }
    const zone = timezone?.trim() || 'UTC';
    if (!isValidTimeZone(zone)) {
      throw AppError.badInput(
        `timezone "${zone}" is not an IANA time zone (e.g. "Europe/Berlin").`,
        'timezone',
      );
    }
    return this.environments.insert({ name: trimmed, timezone: zone });
  }

  /** Environments the caller can see: all for a global admin, otherwise its own. */
  async list(caller: Principal | null): Promise<EnvironmentEntity[]> {
    const principal = requirePrincipal(caller);
    const reachable = reachableEnvironments(principal);
    if (reachable === null) return this.environments.list();
    // A key of one environment: refused below ANALYST (INGEST keys only send data).
    if (!principal.member && principal.environmentId !== null)
      requireEnvironmentRole(principal, principal.environmentId, Role.ANALYST);
    const readable = reachable.filter((id) => roleAtLeast(roleIn(principal, id)!, Role.ANALYST));
    if (readable.length === 0) return [];
    return this.environments.list(readable);
  }

  /** One environment the caller holds `role` in; NOT_FOUND when it does not exist. */
  async get(
    caller: Principal | null,
    id: string,
    role: Role = Role.ANALYST,
  ): Promise<EnvironmentEntity> {
    const environmentId = parseEnvironmentId(id, 'id');
    requireEnvironmentRole(caller, environmentId, role);
    const environment = await this.environments.findById(environmentId);
    if (!environment) throw AppError.notFound(`Environment ${environmentId} does not exist.`);
    return environment;
  }

  /** ADMIN/ARCHITECT choose, once, the user property that holds the email ("identity" for the identity). */
  async setEmailProperty(
    caller: Principal | null,
    id: string,
    property: string,
  ): Promise<EnvironmentEntity> {
    const environment = await this.get(caller, id, Role.ARCHITECT);
    const name = property.trim();
    if (name.length === 0 || name.length > 1023) {
      throw AppError.badInput(
        'property must be a user property name (1 to 1023 characters) or "identity".',
        'property',
      );
    }
    if (environment.emailProperty !== null) {
      throw AppError.conflict(
        `The email property of environment ${environment.id} is already "${environment.emailProperty}" and cannot be changed.`,
      );
    }
    const updated = await this.environments.setEmailProperty(environment.id, name);
    if (!updated) {
      const current = await this.environments.findById(environment.id);
      throw AppError.conflict(
        `The email property of environment ${environment.id} is already "${current?.emailProperty}" and cannot be changed.`,
      );
    }
    await this.audit.record({
      actor: auditActor(caller),
      action: 'email_property.set',
      target: `environment:${environment.id}`,
      environmentId: environment.id,
      details: { property: name },
    });
    return updated;
  }

  /**
   * ADMIN/ARCHITECT choose the user property naming a user's account and, optionally, the
   * numeric one holding its revenue; unlike the email property they may change later.
   */
  async setAccountProperty(
    caller: Principal | null,
    id: string,
    property: string,
    revenueProperty?: string | null,
  ): Promise<EnvironmentEntity> {
    const environment = await this.get(caller, id, Role.ARCHITECT);
    const account = checkPropertyName(property, 'property');
    const revenue =
      revenueProperty === null || revenueProperty === undefined
        ? null
        : checkPropertyName(revenueProperty, 'revenueProperty');
    if (revenue === account) {
      throw AppError.badInput(
        'revenueProperty must be another property than the account property.',
        'revenueProperty',
      );
    }
    const updated = await this.environments.setAccountProperties(environment.id, account, revenue);
    await this.audit.record({
      actor: auditActor(caller),
      action: 'account_property.set',
      target: `environment:${environment.id}`,
      environmentId: environment.id,
      details: { property: account, revenueProperty: revenue },
    });
    return updated;
  }

  /**
   * ADMIN/ARCHITECT choose up to MAX_BREAKDOWN_PROPERTIES user properties that npsChange breaks
   * down by from a rollup (any other property is still answered, from rows); changeable.
   */
  async setBreakdownProperties(
    caller: Principal | null,
    id: string,
    properties: readonly string[],
  ): Promise<EnvironmentEntity> {
    const environment = await this.get(caller, id, Role.ARCHITECT);
    if (properties.length > MAX_BREAKDOWN_PROPERTIES) {
      throw AppError.badInput(
        `properties may name at most ${MAX_BREAKDOWN_PROPERTIES} user properties (got ${properties.length}).`,
        'properties',
      );
    }
    const names = properties.map((property) => checkPropertyName(property, 'properties'));
    const repeated = names.find((name, index) => names.indexOf(name) !== index);
    if (repeated !== undefined) {
      throw AppError.badInput(`properties names "${repeated}" twice.`, 'properties');
    }
    const updated = await this.environments.setBreakdownProperties(environment.id, names);
    await this.audit.record({
      actor: auditActor(caller),
      action: 'breakdown_properties.set',
      target: `environment:${environment.id}`,
      environmentId: environment.id,
      details: { properties: names },
    });
    return updated;
  }
}

/** A user property name as given (trimmed, 1–1023 characters); BAD_USER_INPUT naming `argument`. */
function checkPropertyName(value: string, argument: string): string {
  const name = value.trim();
  if (name.length === 0 || name.length > 1023) {
    throw AppError.badInput(
      `${argument} must be a user property name (1 to 1023 characters).`,
      argument,
    );
  }
  return name;
}
