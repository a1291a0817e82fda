import { sql, type Kysely } from 'kysely';
import type { Orm } from '../../db/create-orm.js';
import type { EntityModel } from '../metadata/entity-model.js';
import type { RecordIndexBuilder } from './record-index-builder.js';
import { recordTable } from './record-table.js';
import type { ApiRecord, RecordActor } from './record-types.js';

export interface BulkLoadOptions {
  /**
   * How many records the load will bring. With `deferIndexes: 'auto'` (the default) the field
   * indexes are dropped for the load and built again afterwards when this is at least
   * DEFER_INDEXES_MIN_ROWS and at least as many rows as the table already holds.
   */
  expectedRows?: number;
  deferIndexes?: boolean | 'auto';
  /** Batches written at the same time, each in its own transaction (default 2). */
  concurrency?: number;
  /** Called once per committed batch, in the order the batches were given (a throw stops the load). */
  onBatch?: (index: number, records: ApiRecord[]) => void | Promise<void>;
}

export interface BulkLoadResult {
  rows: number;
  batches: number;
  /** From the first batch to the last commit. */
  loadSeconds: number;
  /** Fields whose indexes were dropped for the load and built again. */
  deferredIndexes: string[];
  /** Building them again, and analyzing the table, after the load. */
  indexSeconds: number;
}

/** Below this many rows keeping the indexes current costs less than rebuilding them. */
export const DEFER_INDEXES_MIN_ROWS = 50_000;
const DEFAULT_CONCURRENCY = 2;

export interface BulkLoadDeps {
  orm: Orm;
  indexes: RecordIndexBuilder | undefined;
  /** `records.createMany`: validation, hooks, references, audit; all or nothing per batch. */
  createMany: (inputs: unknown[], pathPrefix: string) => Promise<ApiRecord[]>;
}

/**
 * Loads many records of one entity through the same checks as any create, batch by batch. While
 * one batch is being written the next is validated (`concurrency` batches in flight), and for a
 * load at least the size of the table the field indexes are built once at the end instead of
 * being kept current row by row. A failing batch stops the load: no further batch starts, those
 * already committed stay (`onBatch` has heard of each of them, in order), the error names the
 * record as `/batches/<n>/records/<i>`, and the indexes are built again in any case.
 */
export async function bulkLoad(
  deps: BulkLoadDeps,
  model: EntityModel,
  batches: AsyncIterable<unknown[]> | Iterable<unknown[]>,
  options: BulkLoadOptions = {},
): Promise<BulkLoadResult> {
  const db = deps.orm.em.fork().getKysely() as Kysely<unknown>;
  const defer = deps.indexes !== undefined && (await shouldDefer(db, model, options));
  const deferredIndexes = defer ? await deps.indexes!.defer(model) : [];
  const started = performance.now();
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const inFlight: Promise<void>[] = [];
  let rows = 0;
  let count = 0;
  let failure: { error: unknown } | undefined;
  let reported = Promise.resolve();
  let loadSeconds = 0;
  let indexSeconds = 0;
  try {
    for await (const batch of batches) {
      if (failure) break;
      const index = count++;
      rows += batch.length;
      const written = deps.createMany(batch, `/batches/${index}/records`).then(
        (records) => ({ records }),
        (error: unknown) => ({ error }),
      );
      // Batches commit independently (one may commit after an earlier one failed); onBatch hears
      // of every committed batch, in order, so a caller always knows exactly what was written.
      reported = reported
        .then(async () => {
          const outcome = await written;
          if ('error' in outcome) failure ??= { error: outcome.error };
          else await options.onBatch?.(index, outcome.records);
        })
        .catch((error: unknown) => {
          failure ??= { error };
        });
      inFlight.push(reported);
      if (inFlight.length >= concurrency) await inFlight.shift();
    }
  } finally {
    await Promise.all(inFlight);
    loadSeconds = (performance.now() - started) / 1000;
    if (defer) indexSeconds = await rebuild(deps.indexes!, db, model);
  }
  if (failure) throw failure.error;
  return { rows, batches: count, loadSeconds, deferredIndexes, indexSeconds };
}

async function shouldDefer(db: Kysely<unknown>, model: EntityModel, options: BulkLoadOptions): Promise<boolean> {
  if (options.deferIndexes !== undefined && options.deferIndexes !== 'auto') return options.deferIndexes;
  const expected = options.expectedRows ?? 0;
  if (expected < DEFER_INDEXES_MIN_ROWS) return false;
  return expected >= (await estimatedRows(db, model));
}

/** The planner's row count of the record table (pg_class.reltuples; -1 before the first analyze). */
async function estimatedRows(db: Kysely<unknown>, model: EntityModel): Promise<number> {
  const { rows } = await sql<{ n: number }>`select greatest(reltuples, 0)::float8 as n from pg_class where oid = ${`crm_records.${model.name}`}::regclass`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

async function rebuild(indexes: RecordIndexBuilder, db: Kysely<unknown>, model: EntityModel): Promise<number> {
  const started = performance.now();
  await indexes.sync(model);
  await sql`analyze ${recordTable(model.name)}`.execute(db);
  return (performance.now() - started) / 1000;
}
