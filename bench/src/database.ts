import pg from 'pg';

/** Bump when the generated data changes shape, so older bench databases are regenerated. */
export const DATASET_VERSION = 2;

/** What the generator left in the database; a run whose size and seed match reuses it. */
export interface DatasetState {
  version: number;
  customers: number;
  orders: number;
  smallRows: number;
  seed: number;
  /** The highest generated id per record table: rows above it were written by a bench run. */
  maxIds: Record<string, string>;
  /** Rows per second measured when the data was generated. */
  generation: GenerationStats;
  generatedAt: string;
}

/** One entity's load: `rowsPerSecond` while loading; indexes dropped for the load were built again in `indexSeconds`. */
export interface LoadStats {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  deferredIndexes?: number;
  indexSeconds?: number;
  rowsPerSecondWithIndexes?: number;
}

export interface GenerationStats {
  customers: LoadStats;
  orders: LoadStats;
  benchSmall: LoadStats;
  customFieldsMs: number;
  indexesAndAnalyzeSeconds: number;
}

export async function withClient<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the database when it is missing; with `fresh`, drops it first. */
export async function ensureDatabase(databaseUrl: string, fresh: boolean): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[\w-]+$/.test(name)) throw new Error(`unexpected database name "${name}"`);
  url.pathname = '/postgres';
  await withClient(url.toString(), async (client) => {
    if (fresh) await client.query(`drop database if exists "${name}" with (force)`);
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database "${name}"`);
  });
}

export async function readDatasetState(client: pg.Client): Promise<DatasetState | undefined> {
  await client.query('create table if not exists bench_state (key text primary key, value jsonb not null)');
  const { rows } = await client.query<{ value: DatasetState }>("select value from bench_state where key = 'dataset'");
  return rows[0]?.value;
}

export async function writeDatasetState(client: pg.Client, state: DatasetState): Promise<void> {
  await client.query(
    "insert into bench_state (key, value) values ('dataset', $1) on conflict (key) do update set value = excluded.value",
    [JSON.stringify(state)],
  );
}

/** Removes the records earlier bench runs created (ids are time-ordered UUIDv7, so they sort after the generated ones). */
export async function removeBenchWrites(client: pg.Client, state: DatasetState): Promise<number> {
  let removed = 0;
  for (const [table, maxId] of Object.entries(state.maxIds)) {
    const result = await client.query(`delete from crm_records."${table}" where id > $1`, [maxId]);
    removed += result.rowCount ?? 0;
  }
  if (removed) await client.query('vacuum (analyze) crm_records.customer');
  return removed;
}

/** A reproducible sample of generated customer ids (same seed, same table: same ids). */
export async function sampleCustomerIds(client: pg.Client, state: DatasetState, count: number, seed: number): Promise<string[]> {
  const percent = Math.min(100, ((count * 1.5) / state.customers) * 100);
  const { rows } = await client.query<{ id: string }>(
    `select id from crm_records.customer tablesample bernoulli (${percent}) repeatable (${seed})
     where id <= $1 and deleted_at is null limit ${count}`,
    [state.maxIds.customer],
  );
  return rows.map((row) => row.id);
}

export async function currentVersions(client: pg.Client, ids: string[]): Promise<Map<string, number>> {
  const { rows } = await client.query<{ id: string; version: number }>(
    'select id, version from crm_records.customer where id = any($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((row) => [row.id, row.version]));
}

/**
 * Waits until no other query runs in the bench database: PostgreSQL finishes a query whose client
 * went away (autocannon closes its connections at the end of a run), and such leftovers would
 * slow down the next run.
 */
export async function waitForQuietDatabase(client: pg.Client, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity
       where datname = current_database() and state = 'active' and pid <> pg_backend_pid() and backend_type = 'client backend'`,
    );
    if (rows[0]!.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
