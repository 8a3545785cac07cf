import type { Client } from 'pg';

/**
 * The database's own ceiling: one INSERT … SELECT FROM generate_series of `rows` responses shaped
 * like the simulator's (same columns, similar widths) into `environmentId`, in the same table with
 * the same indexes. Returns the seconds it took (after a CHECKPOINT, so it starts clean).
 */
export async function insertSelectFloor(
  client: Client,
  environmentId: string,
  rows: number,
): Promise<number> {
  await client.query('CHECKPOINT').catch(() => undefined);
  const started = process.hrtime.bigint();
  await client.query(
    `INSERT INTO survey_responses (environment_id, response_id, source, person_id, email,
            email_normalized, phone_number, survey_type, score, is_nps, comment, permalink,
            responded_at, response_updated_at, person_properties)
     SELECT $1, (100000000 + g)::text, 'floor', (50000000 + g % 600000)::text,
            'Person.' || (g % 600000) || '@Example.com', 'person.' || (g % 600000) || '@example.com',
            CASE WHEN g % 7 = 0 THEN '+1555' || (1000000 + g % 600000) END,
            CASE WHEN g % 10 = 0 THEN 'csat' ELSE 'nps' END, g % 11, g % 10 <> 0,
            CASE WHEN g % 3 <> 0 THEN 'Support answered within minutes. Impressive!' END,
            'https://delighted.com/r/' || (100000000 + g),
            now() - make_interval(secs => (($2::int - g) * 63)),
            CASE WHEN g % 3 <> 2 THEN now() - make_interval(secs => (($2::int - g) * 63 - 120)) END,
            jsonb_build_object('Plan', 'Pro', 'Delighted Source', 'Email', 'Company size', '11-50',
                               'Locale', 'en')
       FROM generate_series(1, $2::int) AS g`,
    [environmentId, rows],
  );
  return Number(process.hrtime.bigint() - started) / 1e9;
}
