import { createCore, type Core, type RecordActor } from '@crm/core';
import { CUSTOM_FIELDS, customerRecord, orderRecord, productRecord } from './dataset.js';
import {
  DATASET_VERSION,
  ensureDatabase,
  readDatasetState,
  withClient,
  writeDatasetState,
  type DatasetState,
  type GenerationStats,
  type LoadStats,
} from './database.js';
import type { BenchOptions } from './options.js';
import { Random } from './prng.js';

const BATCH = 5000;
const PRODUCTS = 200;
const ACTOR: RecordActor = { userId: null, departmentId: null, requestId: null, locale: 'en' };
const CONTEXT = { locale: 'en' as const, actorId: null };
export const SMALL_ENTITY = 'bench_small';

/** Reuses the bench database when it holds this size and seed; otherwise generates it through the product. */
export async function prepareDataset(options: BenchOptions): Promise<{ state: DatasetState; generated: boolean }> {
  await ensureDatabase(options.databaseUrl, options.fresh);
  const existing = await withClient(options.databaseUrl, async (client) => {
    const state = await readDatasetState(client);
    const { rowCount } = await client.query("select 1 from pg_namespace where nspname = 'crm_records'");
    return { state, hasRecords: Boolean(rowCount) };
  });
  if (existing.state && matches(existing.state, options)) return { state: existing.state, generated: false };
  if (existing.hasRecords) {
    console.log('The bench database holds other data (another size or seed, or an interrupted run): recreating it.');
    await ensureDatabase(options.databaseUrl, true);
    await withClient(options.databaseUrl, readDatasetState);
  }
  return { state: await generate(options), generated: true };
}

function matches(state: DatasetState, options: BenchOptions): boolean {
  return (
    state.version === DATASET_VERSION &&
    state.customers === options.customers &&
    state.orders === options.orders &&
    state.smallRows === options.smallRows &&
    state.seed === options.seed
  );
}

async function generate(options: BenchOptions): Promise<DatasetState> {
  const core = await createCore({ databaseUrl: options.databaseUrl });
  try {
    let started = performance.now();
    for (const field of CUSTOM_FIELDS) await core.metadata.addField('customer', field.name, field.schema, false, CONTEXT);
    const customFieldsMs = performance.now() - started;
    await core.indexes.idle();
    const products = await createProducts(core, options.seed);

    const customers = await load(core, 'customer', options.customers, options.seed, (r, n) => customerRecord(r, n));
    await core.metadata.createEntities([smallEntityDocument(core)], 'bench', CONTEXT);
    await core.indexes.idle();
    const benchSmall = await load(core, SMALL_ENTITY, options.smallRows, options.seed + 1, (r, n) => customerRecord(r, n));

    const customerIds = await withClient(options.databaseUrl, async (client) =>
      (await client.query<{ id: string }>('select id from crm_records.customer order by id')).rows.map((row) => row.id),
    );
    const orders = await load(core, 'order', options.orders, options.seed + 2, (r, n) =>
      orderRecord(r, n, customerIds[r.int(0, customerIds.length - 1)]!, products),
    );

    started = performance.now();
    await core.indexes.idle();
    const state = await withClient(options.databaseUrl, async (client) => {
      await client.query('vacuum (analyze) crm_records.customer, crm_records."order", crm_records.bench_small, crm_records.product');
      const maxIds: Record<string, string> = {};
      for (const table of ['customer', 'order', SMALL_ENTITY]) {
        const { rows } = await client.query<{ id: string }>(`select id from crm_records."${table}" order by id desc limit 1`);
        maxIds[table] = rows[0]!.id;
      }
      const generation: GenerationStats = {
        customers,
        orders,
        benchSmall,
        customFieldsMs: round(customFieldsMs),
        indexesAndAnalyzeSeconds: round((performance.now() - started) / 1000),
      };
      const next: DatasetState = {
        version: DATASET_VERSION,
        customers: options.customers,
        orders: options.orders,
        smallRows: options.smallRows,
        seed: options.seed,
        maxIds,
        generation,
        generatedAt: new Date().toISOString(),
      };
      await writeDatasetState(client, next);
      return next;
    });
    return state;
  } finally {
    await core.close();
  }
}

async function createProducts(core: Core, seed: number): Promise<{ id: string; price: number }[]> {
  const r = new Random(seed + 3);
  const created = await core.records.createMany('product', Array.from({ length: PRODUCTS }, (_, i) => productRecord(r, i + 1)), ACTOR);
  return created.map((p) => ({ id: p.id, price: Number(p.unit_price) }));
}

/**
 * Creates `total` records through `records.bulkLoad`, the product's bulk path: batches of 5,000
 * through `createMany` (validation, defaults, reference checks, audit entries, one transaction per
 * batch), the next batch validated while one is written, and for a load the size of the table the
 * field indexes built once at the end. The clock runs from the first batch to the last commit
 * (making the records in the bench process included); rebuilding the indexes is timed apart.
 */
async function load(
  core: Core,
  entity: string,
  total: number,
  seed: number,
  make: (r: Random, n: number) => Record<string, unknown>,
): Promise<LoadStats> {
  let lastReport = performance.now();
  const started = performance.now();
  function* batches() {
    for (let first = 0, batch = 0; first < total; first += BATCH, batch++) {
      const r = new Random(seed * 1_000_003 + batch);
      const size = Math.min(BATCH, total - first);
      yield Array.from({ length: size }, (_, i) => make(r, first + i + 1));
    }
  }
  const result = await core.records.bulkLoad(entity, batches(), ACTOR, {
    expectedRows: total,
    onBatch: (index) => {
      const done = Math.min(total, (index + 1) * BATCH);
      if (performance.now() - lastReport > 10_000 || done === total) {
        lastReport = performance.now();
        console.log(`  ${entity}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} (${Math.round(done / ((performance.now() - started) / 1000)).toLocaleString('en')} rows/s)`);
      }
    },
  });
  if (result.deferredIndexes.length) {
    console.log(`  ${entity}: ${result.deferredIndexes.length} field indexes built after the load in ${round(result.indexSeconds)} s`);
  }
  return {
    rows: total,
    seconds: round(result.loadSeconds),
    rowsPerSecond: Math.round(total / result.loadSeconds),
    deferredIndexes: result.deferredIndexes.length,
    indexSeconds: round(result.indexSeconds),
    rowsPerSecondWithIndexes: Math.round(total / (result.loadSeconds + result.indexSeconds)),
  };
}

/** A copy of the customer definition (with the custom fields) as a custom entity for the 10k-row side of the field-add timing. */
function smallEntityDocument(core: Core) {
  const document = structuredClone(core.registry.get('customer').document);
  document['x-crm-entity'] = SMALL_ENTITY;
  document['x-crm-owner'] = 'bench';
  document['x-crm-label'] = { 'zh-CN': '基准小表', en: 'Bench small', es: 'Tabla pequeña' };
  document['x-crm-label-plural'] = { 'zh-CN': '基准小表', en: 'Bench small', es: 'Tablas pequeñas' };
  return document;
}

const round = (value: number) => Math.round(value * 10) / 10;
