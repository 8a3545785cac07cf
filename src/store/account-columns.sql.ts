/**
 * SQL expressions of a user's derived account columns (users.account, users.account_revenue),
 * from the environment's account and revenue properties: kept in step on every write of
 * properties and recomputed when the properties are chosen (docs/nps-method.md, "Accounts").
 */

/** The account property's value, trimmed; null when unset, blank or no property is chosen. */
export function accountSql(accountPropertyParam: string, properties: string): string {
  return `CASE WHEN ${accountPropertyParam}::text IS NULL THEN NULL
    ELSE nullif(btrim(${properties} ->> ${accountPropertyParam}::text), '') END`;
}

/** The revenue property as a number: a JSON number, or text that is a plain decimal number. */
export function accountRevenueSql(revenuePropertyParam: string, properties: string): string {
  const value = `(${properties} -> ${revenuePropertyParam}::text)`;
  return `CASE WHEN ${revenuePropertyParam}::text IS NULL THEN NULL
    WHEN jsonb_typeof(${value}) = 'number' THEN (${value} #>> '{}')::double precision
    WHEN btrim(${value} #>> '{}') ~ '^[-+]?[0-9]+(\\.[0-9]+)?$' THEN btrim(${value} #>> '{}')::double precision
    ELSE NULL END`;
}
