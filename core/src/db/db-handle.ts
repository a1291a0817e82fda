import type { Kysely } from 'kysely';
import type { Em, Orm } from './create-orm.js';

/**
 * Where a service writes: the caller's transaction, given either as its kysely handle
 * (`em.getKysely()` inside `em.transactional`) or as the transaction's entity manager.
 * Without one, the service runs on its own connection and commits at once.
 */
export type Db = Kysely<unknown> | Em;

export function kyselyOf(db: Db | undefined, orm: Orm): Kysely<unknown> {
  if (!db) return orm.em.fork().getKysely() as Kysely<unknown>;
  if (isEm(db)) return db.getKysely() as Kysely<unknown>;
  return db;
}

function isEm(db: Db): db is Em {
  return typeof (db as Em).getKysely === 'function';
}
