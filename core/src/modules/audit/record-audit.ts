import type { Kysely } from 'kysely';
import type { RecordHooks } from '../records/record-hooks.js';
import { appendAuditEntry, diffRecordData } from './audit-trail.js';

/** Every record write leaves an audit entry in its own transaction (an "after" hook). */
export function auditRecordWrites(hooks: RecordHooks): void {
  hooks.after('*', async (event) => {
    const changes = event.operation === 'create' || event.operation === 'update' ? diffRecordData(event.before, event.after) : {};
    await appendAuditEntry(event.em.getKysely() as Kysely<unknown>, {
      action: event.operation,
      actorId: event.actor.userId,
      requestId: event.actor.requestId,
      entity: event.model.name,
      recordId: event.id,
      changes,
      context: { version: event.version, definitionVersion: event.model.version },
    });
  });
}
