import { createHash } from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';

/** Record tables live in their own schema, outside the ORM's schema diff (see README, design). */
export const RECORD_SCHEMA = 'crm_records';

export function recordTable(entity: string): RawBuilder<unknown> {
  return sql.table(`${RECORD_SCHEMA}.${entity}`);
}

/** System columns every record table has; custom data lives in the `data` JSONB column. */
export async function createRecordTable(db: Kysely<unknown>, entity: string): Promise<void> {
  const table = recordTable(entity);
  await sql`create table ${table} (
    id uuid primary key,
    version integer not null default 1,
    def_version integer not null,
    data jsonb not null,
    owner_id uuid null,
    department_id uuid null,
    created_by uuid null,
    updated_by uuid null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    deleted_at timestamptz null
  )`.execute(db);
  await sql`create index ${sql.id(shortName(`ix_${entity}_created`))} on ${table} (created_at, id) where deleted_at is null`.execute(db);
  await sql`create index ${sql.id(shortName(`ix_${entity}_owner`))} on ${table} (owner_id) where deleted_at is null`.execute(db);
}

/** PostgreSQL identifiers stop at 63 bytes; long names keep a hash suffix so they stay unique. */
export function shortName(name: string): string {
  if (name.length <= 63) return name;
  const hash = createHash('sha1').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, 54)}_${hash}`;
}

export function fieldIndexName(entity: string, field: string): string {
  return shortName(`ixf_${entity}_${field}`);
}

export function fieldStatisticsName(entity: string, field: string): string {
  return shortName(`ixs_${entity}_${field}`);
}
