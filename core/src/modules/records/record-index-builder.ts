import { sql, type Kysely } from 'kysely';
import type { Orm } from '../../db/create-orm.js';
import type { EntityModel, FieldModel } from '../metadata/entity-model.js';
import { fieldExpression } from './field-sql.js';
import { RecordIndex } from './record-index.entity.js';
import { fieldIndexName, fieldStatisticsName, recordTable, RECORD_SCHEMA } from './record-table.js';

const INDEXABLE_KINDS = new Set(['text', 'numeric', 'boolean']);

/**
 * Builds and drops the expression indexes of fields marked `x-crm-indexed`, in the background and
 * without blocking writes (CREATE INDEX CONCURRENTLY). Progress is kept in crm_record_index.
 */
export class RecordIndexBuilder {
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly orm: Orm) {}

  /** Queues a sync of the entity's indexes; the promise settles when it has run. */
  sync(model: EntityModel): Promise<void> {
    const run = this.chain.then(() => this.syncNow(model));
    this.chain = run.catch(() => undefined);
    return run;
  }

  async idle(): Promise<void> {
    await this.chain;
  }

  /**
   * Drops the field indexes of an entity before a large load (keeping them current row by row
   * costs more than building them afterwards). Each is marked `deferred` first, so `sync` (and the
   * next start of any API process, should this one stop) builds it again. Returns the fields.
   */
  defer(model: EntityModel): Promise<string[]> {
    const run = this.chain.then(() => this.deferNow(model));
    this.chain = run.then(() => undefined, () => undefined);
    return run;
  }

  private async deferNow(model: EntityModel): Promise<string[]> {
    const em = this.orm.em.fork();
    const db = em.getKysely() as Kysely<unknown>;
    const rows = await em.find(RecordIndex, { entity: model.name });
    for (const row of rows) {
      await upsertStatus(em, model.name, row.field, row.indexName, 'deferred', null);
      await sql`drop index concurrently if exists ${sql.id(RECORD_SCHEMA, row.indexName)}`.execute(db);
    }
    return rows.map((row) => row.field);
  }

  async status(entity: string): Promise<RecordIndex[]> {
    return this.orm.em.fork().find(RecordIndex, { entity }, { orderBy: { field: 'asc' } });
  }

  private async syncNow(model: EntityModel): Promise<void> {
    const em = this.orm.em.fork();
    const db = em.getKysely() as Kysely<unknown>;
    const wanted = [...model.fields.values()].filter((f) => f.indexed && INDEXABLE_KINDS.has(f.sqlKind));
    const existing = new Map((await em.find(RecordIndex, { entity: model.name })).map((row) => [row.field, row]));

    let newStatistics = false;
    for (const field of wanted) {
      const row = existing.get(field.name);
      existing.delete(field.name);
      newStatistics = (await ensureStatistics(db, model.name, field)) || newStatistics;
      if (row?.status === 'ready' && (await isValidIndex(db, row.indexName))) continue;
      const indexName = fieldIndexName(model.name, field.name);
      await upsertStatus(em, model.name, field.name, indexName, 'building', null);
      try {
        if ((await isValidIndex(db, indexName)) === false) {
          await sql`drop index concurrently if exists ${sql.id(RECORD_SCHEMA, indexName)}`.execute(db);
        }
        await sql`create index concurrently if not exists ${sql.id(indexName)}
          on ${recordTable(model.name)} (${fieldExpression(field)}, id) where deleted_at is null`.execute(db);
        await upsertStatus(em, model.name, field.name, indexName, 'ready', null);
      } catch (error) {
        await upsertStatus(em, model.name, field.name, indexName, 'failed', error instanceof Error ? error.message : String(error));
      }
    }
    for (const row of existing.values()) {
      await sql`drop index concurrently if exists ${sql.id(RECORD_SCHEMA, row.indexName)}`.execute(db);
      await sql`drop statistics if exists ${sql.id(RECORD_SCHEMA, fieldStatisticsName(row.entity, row.field))}`.execute(db);
      await em.nativeDelete(RecordIndex, { entity: row.entity, field: row.field });
    }
    // New statistics are empty until the table is analyzed; autovacuum would only do it after many writes.
    if (newStatistics) await sql`analyze ${recordTable(model.name)}`.execute(db);
  }
}

/**
 * PostgreSQL keeps no statistics for the expression of a *partial* index, so without these it
 * guesses that `data ->> 'segment' = $1` matches 0.5 % of the rows whatever the data: a filter
 * matching 20 % then gets a plan made for a handful of rows (a bitmap scan and a sort of every
 * match instead of walking the sort index), and total estimates are far off. A statistics object
 * on the same expression gives the planner the field's real distribution. Returns whether it was new.
 */
async function ensureStatistics(db: Kysely<unknown>, entity: string, field: FieldModel): Promise<boolean> {
  const name = fieldStatisticsName(entity, field.name);
  const { rows } = await sql`
    select 1 from pg_statistic_ext s join pg_namespace n on n.oid = s.stxnamespace
    where s.stxname = ${name} and n.nspname = ${RECORD_SCHEMA}`.execute(db);
  if (rows.length) return false;
  await sql`create statistics if not exists ${sql.id(RECORD_SCHEMA, name)} on ${fieldExpression(field)} from ${recordTable(entity)}`.execute(db);
  return true;
}

/** undefined: no such index; false: a half-built index left by a crash. */
async function isValidIndex(db: Kysely<unknown>, indexName: string): Promise<boolean | undefined> {
  const result = await sql<{ valid: boolean }>`
    select i.indisvalid as valid from pg_class c
    join pg_index i on i.indexrelid = c.oid
    join pg_namespace n on n.oid = c.relnamespace
    where c.relname = ${indexName} and n.nspname = ${RECORD_SCHEMA}`.execute(db);
  return result.rows[0]?.valid;
}

async function upsertStatus(
  em: ReturnType<Orm['em']['fork']>,
  entity: string,
  field: string,
  indexName: string,
  status: RecordIndex['status'],
  error: string | null,
): Promise<void> {
  await em.upsert(RecordIndex, { entity, field, indexName, status, error, updatedAt: new Date() });
}
