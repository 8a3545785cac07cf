import { QueryRunner } from 'typeorm';

/** Each write operation with the transition tables its statement trigger sees. */
const OPERATIONS = [
  ['INSERT', 'NEW TABLE AS new_rows'],
  ['UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
  ['DELETE', 'OLD TABLE AS old_rows'],
] as const;

/**
 * AFTER INSERT, UPDATE and DELETE statement triggers `<prefix>_insert`, `_update`, `_delete` on
 * `table`, each running `fn()` with the transition tables new_rows and old_rows it has.
 */
export async function createStatementTriggers(
  queryRunner: QueryRunner,
  table: string,
  prefix: string,
  fn: string,
): Promise<void> {
  for (const [operation, references] of OPERATIONS) {
    await queryRunner.query(`
      CREATE TRIGGER ${prefix}_${operation.toLowerCase()} AFTER ${operation} ON ${table}
        REFERENCING ${references} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
  }
}

export async function dropStatementTriggers(
  queryRunner: QueryRunner,
  table: string,
  prefix: string,
): Promise<void> {
  for (const [operation] of OPERATIONS) {
    await queryRunner.query(`DROP TRIGGER ${prefix}_${operation.toLowerCase()} ON ${table}`);
  }
}
