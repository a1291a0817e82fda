import { sql, type RawBuilder } from 'kysely';
import { uuidv7 } from '../../shared/uuid-v7.js';
import type { RecordOperation } from '../records/record-hooks.js';
import type { FieldChange } from './audit-trail.js';

/** Who wrote, and which definition version the records were validated with. */
export interface RecordAuditContext {
  actorId: string | null;
  requestId: string | null;
  entity: string;
  definitionVersion: number;
}

/**
 * Record writes carry their audit entries in the same SQL statement (a data-modifying CTE), so a
 * write and its audit trail commit together at the cost of one round trip.
 *
 * Creates: `source` names a CTE with the columns `id`, `data` and `audit_id` (one row per new
 * record, the same rows that are inserted); each entry keeps the data as created in `snapshot`.
 */
export function auditCreatesSql(source: RawBuilder<unknown>, context: RecordAuditContext): RawBuilder<unknown> {
  return sql`insert into crm_audit_entry (id, actor_id, request_id, action, entity, record_id, snapshot, context)
    select s.audit_id, ${context.actorId}::uuid, ${context.requestId}, 'create', ${context.entity}, s.id, s.data,
      ${JSON.stringify({ version: 1, definitionVersion: context.definitionVersion })}::jsonb
    from ${source} s`;
}

/**
 * Updates, deletes and restores of one record: `written` names the CTE of the updated row (its
 * `id` and new `version`), so nothing is recorded when the guarded update matched no row.
 */
export function auditChangeSql(
  written: RawBuilder<unknown>,
  operation: Exclude<RecordOperation, 'create'>,
  changes: Record<string, FieldChange>,
  context: RecordAuditContext,
): RawBuilder<unknown> {
  return sql`insert into crm_audit_entry (id, actor_id, request_id, action, entity, record_id, changes, context)
    select ${uuidv7()}::uuid, ${context.actorId}::uuid, ${context.requestId}, ${operation}, ${context.entity}, w.id,
      ${JSON.stringify(changes)}::jsonb,
      jsonb_build_object('version', w.version, 'definitionVersion', ${context.definitionVersion}::integer)
    from ${written} w`;
}

/** Ids for the audit entries of a create, in the order of its records (UUIDv7: history sorts by them within a transaction). */
export function auditIds(count: number): string[] {
  return Array.from({ length: count }, () => uuidv7());
}
