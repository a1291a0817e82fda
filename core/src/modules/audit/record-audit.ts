import type { Kysely } from 'kysely';
import type { RecordHooks } from '../records/record-hooks.js';
import { appendAuditEntries, diffRecordData } from './audit-trail.js';

/** Every record write leaves audit entries in its own transaction (one statement per write). */
export function auditRecordWrites(hooks: RecordHooks): void {
  hooks.afterBatch('*', async (events) => {
    const em = events[0]!.em;
    await appendAuditEntries(
      em.getKysely() as Kysely<unknown>,
      events.map((event) => ({
        action: event.operation,
        actorId: event.actor.userId,
        requestId: event.actor.requestId,
        entity: event.model.name,
        recordId: event.id,
        changes: event.operation === 'create' || event.operation === 'update' ? diffRecordData(event.before, event.after) : {},
        context: { version: event.version, definitionVersion: event.model.version },
      })),
    );
  });
}
