import { Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error';
import { AuditService } from '../audit/audit.service';
import { Principal, auditActor, refuseEmbed, requireEnvironmentRole } from '../auth/principal';
import { Role } from '../auth/role';
import { parseEnvironmentId } from '../common/environment-id';
import { cleanDictionary, dictionaryProblems, type ThemeDraft } from '../text/theme-dictionary';
import { CommentThemesRepository, type ThemeRow } from './comment-themes.repository';

/** Environment.themes and setThemes (docs/comment-analysis.md, "Themes"). */
@Injectable()
export class CommentThemesService {
  constructor(
    private readonly themes: CommentThemesRepository,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal | null, id: string): Promise<ThemeRow[]> {
    const environmentId = parseEnvironmentId(id, 'id');
    requireEnvironmentRole(principal, environmentId, Role.ANALYST);
    return this.themes.list(environmentId);
  }

  /** ADMIN/ARCHITECT: the whole dictionary at once; a bad one is refused whole, each field named. */
  async set(principal: Principal | null, id: string, themes: ThemeDraft[]): Promise<ThemeRow[]> {
    refuseEmbed(principal, 'change themes');
    const environmentId = parseEnvironmentId(id, 'environmentId');
    requireEnvironmentRole(principal, environmentId, Role.ARCHITECT);
    const problems = dictionaryProblems(themes);
    if (problems.length > 0) {
      throw AppError.invalidItems(
        `${problems.length} problem(s) in themes; the dictionary was not changed: ${problems
          .slice(0, 5)
          .map((problem) => `${problem.field}: ${problem.message}`)
          .join('; ')}`,
        problems,
      );
    }
    const saved = await this.themes.replace(environmentId, cleanDictionary(themes));
    await this.audit.record({
      actor: auditActor(principal),
      action: 'themes.set',
      target: `environment:${environmentId}`,
      environmentId,
      details: { themes: saved.map((theme) => theme.name) },
    });
    return saved;
  }
}
