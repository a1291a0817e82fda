import { mkdirSync } from 'node:fs';
import { MikroORM as PostgresOrm } from '@mikro-orm/postgresql';
import { MikroORM as PgliteOrm } from '@mikro-orm/pglite';
import { Migrator } from '@mikro-orm/migrations';
import type { MikroORM } from '@mikro-orm/core';
import type { AbstractSqlDriver, SqlEntityManager } from '@mikro-orm/sql';
import { migrations } from './migrations/index.js';
import { systemEntities } from './system-entities.js';

/** Both drivers expose the same SQL entity manager; services do not know which one runs. */
export type Orm = MikroORM<AbstractSqlDriver, SqlEntityManager>;
export type Em = SqlEntityManager;

export interface DatabaseOptions {
  /** A PostgreSQL connection string; without it the embedded PGlite database is used. */
  databaseUrl?: string | undefined;
  /** Folder of the embedded database (`memory://` for a throwaway one). */
  dataDir?: string | undefined;
  poolSize?: number | undefined;
  debug?: boolean | undefined;
  /**
   * Starts the embedded database from a copy of a data directory (`dumpPgliteDataDir`) instead of
   * an empty one. Tests use a migrated copy so that each throwaway database does not run initdb.
   */
  pgliteSnapshot?: Uint8Array | undefined;
}

export function describeDatabase(options: DatabaseOptions): string {
  if (options.databaseUrl) return options.databaseUrl.replace(/:[^:@/]*@/, ':***@');
  return `embedded PGlite at ${options.dataDir ?? '.data/pglite'}`;
}

/** Opens the database (PostgreSQL when a URL is given, embedded PGlite otherwise) and migrates it. */
export async function createOrm(options: DatabaseOptions): Promise<Orm> {
  const shared = {
    entities: systemEntities,
    extensions: [Migrator],
    migrations: { migrationsList: migrations, snapshot: false, silent: true, transactional: true, disableForeignKeys: false },
    debug: options.debug ?? false,
    allowGlobalContext: false,
  };
  let orm: Orm;
  if (options.databaseUrl) {
    orm = (await PostgresOrm.init({
      ...shared,
      clientUrl: options.databaseUrl,
      pool: { min: 0, max: options.poolSize ?? 10 },
    })) as unknown as Orm;
  } else {
    const dataDir = options.dataDir ?? '.data/pglite';
    if (!dataDir.startsWith('memory:')) mkdirSync(dataDir, { recursive: true });
    const snapshot = options.pgliteSnapshot;
    // Not a real Blob: MikroORM copies its options, and a copied Blob loses its contents. PGlite
    // only reads `type` and `arrayBuffer()`, which survive the copy.
    const driverOptions = snapshot ? { loadDataDir: { type: 'application/x-tar', arrayBuffer: async () => snapshot.slice().buffer } } : undefined;
    orm = (await PgliteOrm.init({ ...shared, dbName: dataDir, ...(driverOptions ? { driverOptions } : {}) })) as unknown as Orm;
  }
  await orm.migrator.up();
  return orm;
}

/** A copy of an embedded database's data directory, to start others from (`pgliteSnapshot`). */
export async function dumpPgliteDataDir(orm: Orm): Promise<Uint8Array> {
  const connection = orm.em.getConnection() as unknown as { getNativeClient?: () => Promise<{ dumpDataDir(compression?: 'none' | 'gzip' | 'auto'): Promise<Blob | File> }> };
  if (!connection.getNativeClient) throw new Error('not an embedded (PGlite) database');
  const pglite = await connection.getNativeClient();
  return new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer());
}
