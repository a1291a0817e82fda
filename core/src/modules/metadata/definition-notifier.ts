import pg from 'pg';
import type { Em, Orm } from '../../db/create-orm.js';
import type { DefinitionRegistry } from './definition-registry.js';

export const DEFINITION_CHANNEL = 'crm_definition_changed';

/**
 * Keeps the in-memory definitions of several API processes in step: a definition change sends
 * NOTIFY in its transaction (delivered on commit) and every process listening reloads that entity.
 * Only for a PostgreSQL server; the embedded database has a single process by nature.
 */
export async function listenForDefinitionChanges(databaseUrl: string, orm: Orm, registry: DefinitionRegistry): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  client.on('notification', (message) => {
    if (message.channel !== DEFINITION_CHANNEL || !message.payload) return;
    registry.reload(orm.em.fork() as Em, message.payload).catch(() => undefined);
  });
  client.on('error', () => undefined);
  await client.query(`listen ${DEFINITION_CHANNEL}`);
  return async () => {
    await client.end().catch(() => undefined);
  };
}
