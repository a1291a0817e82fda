import { sql, type Kysely } from 'kysely';
import type { Em, Orm } from '../../db/create-orm.js';
import { CrmError } from '../../errors/crm-error.js';
import type { DefinitionRegistry } from '../metadata/definition-registry.js';
import type { EntityModel } from '../metadata/entity-model.js';
import { readPermission, scopeSql, visibleModel } from '../records/record-access.js';
import { recordTable } from '../records/record-table.js';
import type { RecordActor } from '../records/record-types.js';
import type { RecordsService } from '../records/records.service.js';
import { chunkStream, readFile, type ImportFormat, type RawCell } from './import-file.js';
import { convertCell } from './import-values.js';

export type ImportPhase = 'dry_run' | 'run';
export type ImportMode = 'insert' | 'upsert';

export interface RunPlan {
  jobId: string;
  entity: string;
  format: ImportFormat;
  encoding: string;
  phase: ImportPhase;
  mapping: Record<string, string>;
  mode: ImportMode;
  key: string | null;
  /** Data rows already committed (resuming after a crash starts after them). */
  startAfter: number;
  actor: RecordActor;
  /** Errors already stored for this phase (their number is capped). */
  storedErrors: number;
}

export interface RowError {
  row: number;
  column: string | null;
  field: string | null;
  code: string;
  message: string;
}

interface Item {
  row: number;
  body: Record<string, unknown>;
  errors: RowError[];
  lookups: { field: string; column: string; ref: string; titles: string[]; many: boolean }[];
}

export interface BatchCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  failed: number;
}

/** Thrown inside a dry run's transaction so that nothing it wrote stays. */
class RollBack extends Error {}
/** The job was cancelled (or taken over) while this batch ran: its transaction is rolled back. */
export class ImportStopped extends Error {}

export const MAX_STORED_ERRORS = 10_000;
const FATAL = new Set(['CRM_ERR_FORBIDDEN', 'CRM_ERR_ENTITY_NOT_FOUND', 'CRM_ERR_BAD_REQUEST', 'CRM_ERR_TOO_MANY_RECORDS']);

/**
 * Runs an import (or its dry run) batch by batch. Each batch of a real run commits its records,
 * its row errors and the job's progress (the last row done) in one transaction, so a crash loses
 * at most the batch in flight, which a resumed run does again: no row is lost or written twice.
 * A dry run writes each batch in a transaction that is rolled back: the same validation, hooks,
 * references and uniqueness checks as the real thing, and nothing kept.
 */
export class ImportRunner {
  constructor(
    private readonly orm: Orm,
    private readonly registry: DefinitionRegistry,
    private readonly records: RecordsService,
    private readonly batchSize: number,
  ) {}

  async run(plan: RunPlan, shouldStop: () => boolean, onBatch: (counts: BatchCounts, lastRow: number) => Promise<void>): Promise<'done' | 'stopped'> {
    const db = this.orm.em.fork().getKysely() as Kysely<unknown>;
    const model = this.registry.get(plan.entity);
    const rows = readFile(chunkStream(db, plan.jobId), plan.format, plan.encoding);
    const header = await rows.next();
    if (header.done) return 'done';
    const headers = (header.value as RawCell[]).map((cell) => String(cell ?? '').trim());
    const columns = Object.entries(plan.mapping).map(([column, field]) => ({ column, field, index: headers.indexOf(column) }));
    let batch: { row: number; cells: RawCell[] }[] = [];
    let row = 0;
    let errorsLeft = MAX_STORED_ERRORS - plan.storedErrors;
    const flush = async () => {
      const items = await this.prepare(db, model, batch, columns, headers.length, plan.actor);
      const lastRow = batch.at(-1)!.row;
      batch = [];
      const { counts, errors } = await this.write(plan, items, lastRow, Math.max(errorsLeft, 0));
      errorsLeft -= errors;
      await onBatch(counts, lastRow);
    };
    for await (const cells of rows) {
      row++;
      if (row <= plan.startAfter) continue;
      batch.push({ row, cells });
      if (batch.length >= this.batchSize) {
        await flush();
        if (shouldStop()) return 'stopped';
      }
    }
    if (batch.length) await flush();
    return 'done';
  }

  /** Cells → field values, with references found by their records' titles. */
  private async prepare(
    db: Kysely<unknown>, model: EntityModel, batch: { row: number; cells: RawCell[] }[],
    columns: { column: string; field: string; index: number }[], width: number, actor: RecordActor,
  ): Promise<Item[]> {
    const items = batch.map(({ row, cells }) => {
      const item: Item = { row, body: {}, errors: [], lookups: [] };
      if (cells.slice(width).some((cell) => cell !== null && String(cell).trim() !== '')) {
        item.errors.push({ row, column: null, field: null, code: 'CRM_ERR_VALIDATION', message: `the row has more cells than the header (${width})` });
      }
      for (const { column, field, index } of columns) {
        const converted = convertCell(model.fields.get(field), field, cells[index] ?? null);
        if (converted.kind === 'value') item.body[field] = converted.value;
        else if (converted.kind === 'lookup') item.lookups.push({ field, column, ref: converted.ref, titles: converted.titles, many: converted.many });
        else if (converted.kind === 'error') item.errors.push({ row, column, field, code: 'CRM_ERR_VALIDATION', message: converted.message });
      }
      return item;
    });
    await this.resolveLookups(db, items, actor);
    return items;
  }

  private async resolveLookups(db: Kysely<unknown>, items: Item[], actor: RecordActor): Promise<void> {
    const byRef = new Map<string, Set<string>>();
    for (const item of items) for (const lookup of item.lookups) for (const title of lookup.titles) {
      byRef.set(lookup.ref, (byRef.get(lookup.ref) ?? new Set()).add(title));
    }
    const found = new Map<string, Map<string, string[]>>();
    for (const [ref, titles] of byRef) found.set(ref, await this.idsByTitle(db, ref, [...titles], actor));
    for (const item of items) {
      for (const lookup of item.lookups) {
        const ids: string[] = [];
        for (const title of lookup.titles) {
          const matches = found.get(lookup.ref)?.get(title) ?? [];
          if (matches.length === 1) ids.push(matches[0]!);
          else {
            const message = matches.length === 0 ? `no ${lookup.ref} named "${title}"` : `${matches.length} ${lookup.ref} records are named "${title}": use the id`;
            item.errors.push({ row: item.row, column: lookup.column, field: lookup.field, code: 'CRM_ERR_REFERENCE_NOT_FOUND', message });
          }
        }
        if (ids.length === lookup.titles.length) item.body[lookup.field] = lookup.many ? ids : ids[0];
      }
    }
  }

  /** Records of `ref` by title (users by user name), among those the importer may read. */
  private async idsByTitle(db: Kysely<unknown>, ref: string, titles: string[], actor: RecordActor): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    const add = (title: string, id: string) => result.set(title, [...(result.get(title) ?? []), id]);
    if (ref === 'user') {
      const { rows } = await sql<{ id: string; title: string }>`select id, username as title from crm_user where username = any(${titles}::text[])`.execute(db);
      rows.forEach((r) => add(r.title, r.id));
      return result;
    }
    const stored = this.registry.find(ref);
    const permission = stored ? readPermission(actor, stored) : undefined;
    if (!stored || !permission) return result;
    const target = visibleModel(stored, permission);
    if (!target.titleField || !target.fields.has(target.titleField)) return result;
    const scope = scopeSql(actor, permission);
    const { rows } = await sql<{ id: string; title: string }>`
      select id, data ->> ${target.titleField} as title from ${recordTable(target.name)}
      where deleted_at is null and data ->> ${target.titleField} = any(${titles}::text[]) ${scope ? sql`and ${scope}` : sql``}`.execute(db);
    rows.forEach((r) => add(r.title, r.id));
    return result;
  }

  /** Writes the good rows of a batch (finding the bad ones the records service refuses) with the progress. */
  private async write(plan: RunPlan, items: Item[], lastRow: number, errorRoom: number): Promise<{ counts: BatchCounts; errors: number }> {
    const counts: BatchCounts = { inserted: 0, updated: 0, unchanged: 0, failed: 0 };
    let stored = 0;
    const work = async (em: Em) => {
      let candidates = items.filter((item) => item.errors.length === 0 && Object.keys(item.body).length > 0);
      for (let attempt = 0; candidates.length > 0; attempt++) {
        try {
          await this.writeRows(plan, em, candidates, counts);
          break;
        } catch (error) {
          if (!(error instanceof CrmError) || FATAL.has(error.code)) throw error;
          const bad = this.rowErrors(error, candidates, plan);
          if (bad.size === 0 || attempt >= 3) {
            // The refusal names no row (e.g. a duplicate id): find the culprits one row at a time.
            for (const item of candidates) {
              try {
                await this.writeRows(plan, em, [item], counts);
              } catch (single) {
                if (!(single instanceof CrmError) || FATAL.has(single.code)) throw single;
                if (!this.rowErrors(single, [item], plan).has(item)) item.errors.push(singleError(single, item, plan));
              }
            }
            break;
          }
          candidates = candidates.filter((item) => !bad.has(item));
        }
      }
      const failed = items.filter((item) => item.errors.length > 0);
      counts.failed = failed.length;
      const errors = failed.flatMap((item) => item.errors.map((e, ord) => ({ ...e, ord }))).slice(0, errorRoom);
      stored = errors.length;
      const db = em.getKysely() as Kysely<unknown>;
      if (plan.phase === 'dry_run') throw new RollBack(JSON.stringify(errors));
      if (errors.length) await insertErrors(db, plan.jobId, 'run', errors);
      const { rows } = await sql`update crm_import_job set processed_rows = ${lastRow}, inserted = inserted + ${counts.inserted},
          updated = updated + ${counts.updated}, unchanged = unchanged + ${counts.unchanged}, failed = failed + ${counts.failed}, heartbeat_at = now()
        where id = ${plan.jobId}::uuid and status = 'running' returning id`.execute(db);
      if (rows.length === 0) throw new ImportStopped();
    };
    try {
      await this.orm.em.fork().transactional(work);
    } catch (error) {
      if (!(error instanceof RollBack)) throw error;
      const errors = JSON.parse(error.message) as (RowError & { ord: number })[];
      if (errors.length) await insertErrors(this.orm.em.fork().getKysely() as Kysely<unknown>, plan.jobId, 'dry_run', errors);
    }
    return { counts, errors: stored };
  }

  private async writeRows(plan: RunPlan, em: Em, candidates: Item[], counts: BatchCounts): Promise<void> {
    const bodies = candidates.map((item) => item.body);
    const local: BatchCounts = { inserted: 0, updated: 0, unchanged: 0, failed: 0 };
    if (plan.mode === 'insert') {
      await this.records.createMany(plan.entity, bodies, plan.actor, '/rows', { em });
      local.inserted = bodies.length;
    } else {
      const outcomes = await this.records.upsertMany(plan.entity, bodies, plan.key!, plan.actor, '/rows', { em });
      for (const outcome of outcomes) {
        if (outcome.action === 'created') local.inserted++;
        else if (outcome.action === 'updated') local.updated++;
        else local.unchanged++;
      }
    }
    counts.inserted += local.inserted;
    counts.updated += local.updated;
    counts.unchanged += local.unchanged;
  }

  /** The rows a refusal names (`/rows/3/name`), with their field errors. */
  private rowErrors(error: CrmError, candidates: Item[], plan: RunPlan): Map<Item, RowError[]> {
    const bad = new Map<Item, RowError[]>();
    const columnOf = reverse(plan.mapping);
    for (const field of error.fields) {
      const match = /^\/rows\/(\d+)(?:\/([^/]+))?(.*)$/.exec(field.path);
      const item = match ? candidates[Number(match[1])] : undefined;
      if (!item) continue;
      const name = match![2] ?? null;
      const entry: RowError = {
        row: item.row, column: name ? columnOf.get(name) ?? null : null, field: name ? `${name}${match![3] ?? ''}` : null,
        code: error.code, message: field.message,
      };
      item.errors.push(entry);
      bad.set(item, [...(bad.get(item) ?? []), entry]);
    }
    return bad;
  }
}

function singleError(error: CrmError, item: Item, plan: RunPlan): RowError {
  return { row: item.row, column: null, field: null, code: error.code, message: error.localizedMessage(plan.actor.locale) };
}

function reverse(mapping: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(mapping).map(([column, field]) => [field, column]));
}

async function insertErrors(db: Kysely<unknown>, jobId: string, phase: ImportPhase, errors: (RowError & { ord: number })[]): Promise<void> {
  if (errors.length === 0) return;
  const payload = errors.map((e) => ({ row_no: e.row, ord: e.ord, column_name: e.column?.slice(0, 255) ?? null, field: e.field?.slice(0, 200) ?? null, code: e.code, message: e.message }));
  await sql`insert into crm_import_error (job_id, phase, row_no, ord, column_name, field, code, message)
    select ${jobId}::uuid, ${phase}, x.row_no, x.ord, x.column_name, x.field, x.code, x.message
    from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as x(row_no int, ord smallint, column_name text, field text, code text, message text)
    on conflict do nothing`.execute(db);
}
