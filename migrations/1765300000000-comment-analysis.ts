import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Comment analysis (docs/comment-analysis.md): each environment's theme dictionary, one row of
 * sentiment and mentioned themes per commented response, the job that analyses stored responses,
 * the version that orders writes of a comment, and the full-text index of comments.
 *
 * Environments that exist now get the starter dictionary (as src/text/starter-themes.ts held it
 * when this migration was written) and a BACKFILL job over the responses they hold; the service
 * runs it (COMMENT_ANALYSIS_ENABLED) or runCommentAnalysis does.
 */
const STARTER_THEMES: Array<[string, number, string[]]> = [
  [
    'Pricing',
    1,
    ['price', 'cost', 'expensive', 'cheap', 'plan', 'subscription', 'billing', 'invoice'],
  ],
  [
    'Speed and performance',
    2,
    ['slow', 'slowly', 'speed', 'fast', 'performance', 'lag', 'laggy', 'loading', 'load time'],
  ],
  [
    'Bugs and errors',
    3,
    ['bug', 'buggy', 'error', 'crash', 'broken', 'glitch', 'does not work', "doesn't work"],
  ],
  [
    'Support',
    4,
    ['support', 'customer service', 'help desk', 'response time', 'answer', 'helpful'],
  ],
  [
    'Ease of use',
    5,
    [
      'easy',
      'easier',
      'easily',
      'ease of use',
      'intuitive',
      'confusing',
      'user friendly',
      'simple',
      'complicated',
    ],
  ],
  [
    'Missing features',
    6,
    ['missing', 'feature request', 'wish', 'lack', 'would like', 'please add'],
  ],
  [
    'Onboarding',
    7,
    ['onboarding', 'setup', 'set up', 'getting started', 'tutorial', 'documentation', 'docs'],
  ],
  [
    'Integrations',
    8,
    [
      'integration',
      'integrate',
      'api',
      'slack',
      'salesforce',
      'zapier',
      'export',
      'import',
      'sync',
    ],
  ],
];

export class CommentAnalysis1765300000000 implements MigrationInterface {
  name = 'CommentAnalysis1765300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE survey_responses_comment_version_seq AS bigint`);
    await queryRunner.query(
      `ALTER TABLE "survey_responses" ADD "comment_version" bigint NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(`
      CREATE INDEX survey_responses_comment_search_idx ON survey_responses
        USING gin (to_tsvector('english', coalesce(comment, '')))`);
    await queryRunner.query(`
      CREATE TABLE "comment_themes" ("environment_id" bigint NOT NULL,
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "name" text NOT NULL,
        "patterns" text array NOT NULL, "position" integer NOT NULL,
        CONSTRAINT "comment_themes_environment_name_key" UNIQUE ("environment_id", "name"),
        CONSTRAINT "comment_themes_pkey" PRIMARY KEY ("environment_id", "id"),
        CONSTRAINT "comment_themes_environment_fkey" FOREIGN KEY ("environment_id")
          REFERENCES "environments"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`
      CREATE TABLE "comment_analysis" ("environment_id" bigint NOT NULL,
        "response_row_id" bigint NOT NULL, "comment_version" bigint NOT NULL,
        "sentiment_score" real, "theme_ids" bigint array NOT NULL DEFAULT '{}',
        "analysed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "comment_analysis_pkey" PRIMARY KEY ("environment_id", "response_row_id"),
        CONSTRAINT "comment_analysis_response_fkey" FOREIGN KEY ("environment_id", "response_row_id")
          REFERENCES "survey_responses"("environment_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`
      CREATE TABLE "comment_analysis_jobs" ("environment_id" bigint NOT NULL, "reason" text NOT NULL,
        "generation" integer NOT NULL DEFAULT '1', "cursor" bigint NOT NULL DEFAULT '0',
        "upto" bigint NOT NULL, "total" integer NOT NULL, "done" integer NOT NULL DEFAULT '0',
        "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "finished_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "comment_analysis_jobs_pkey" PRIMARY KEY ("environment_id"),
        CONSTRAINT "comment_analysis_jobs_environment_fkey" FOREIGN KEY ("environment_id")
          REFERENCES "environments"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(
      `INSERT INTO comment_themes (environment_id, name, patterns, position)
       SELECT e.id, t.name, array(SELECT jsonb_array_elements_text(t.patterns)), t.position
         FROM environments e
        CROSS JOIN jsonb_to_recordset($1::jsonb) AS t(name text, position int, patterns jsonb)
        ORDER BY e.id, t.position`,
      [
        JSON.stringify(
          STARTER_THEMES.map(([name, position, patterns]) => ({ name, position, patterns })),
        ),
      ],
    );
    await queryRunner.query(`
      INSERT INTO comment_analysis_jobs (environment_id, reason, upto, total)
      SELECT r.environment_id, 'BACKFILL', max(r.id), count(*) FILTER (WHERE r.comment IS NOT NULL)
        FROM survey_responses r GROUP BY r.environment_id`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "comment_analysis_jobs"`);
    await queryRunner.query(`DROP TABLE "comment_analysis"`);
    await queryRunner.query(`DROP TABLE "comment_themes"`);
    await queryRunner.query(`DROP INDEX survey_responses_comment_search_idx`);
    await queryRunner.query(`ALTER TABLE "survey_responses" DROP COLUMN "comment_version"`);
    await queryRunner.query(`DROP SEQUENCE survey_responses_comment_version_seq`);
  }
}
