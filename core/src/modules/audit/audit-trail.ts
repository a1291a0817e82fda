import { sql, type Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';

export type AuditAction = 'create' | 'update' | 'delete' | 'restore' | 'definition_change';

export interface FieldChange {
  before: unknown;
  after: unknown;
}

export interface AuditEntryInput {
  action: AuditAction;
  actorId: string | null;
  requestId: string | null;
  entity: string | null;
  recordId: string | null;
  changes: Record<string, FieldChange>;
  context?: Record<string, unknown>;
}

export interface AuditEntry {
  id: string;
  occurred_at: string;
  actor_id: string | null;
  request_id: string | null;
  action: AuditAction;
  entity: string | null;
  record_id: string | null;
  changes: Record<string, FieldChange>;
  context: Record<string, unknown>;
}

/** Writes one audit entry on the given connection, i.e. inside the caller's transaction. */
export async function appendAuditEntry(db: Kysely<unknown>, entry: AuditEntryInput): Promise<void> {
  await sql`insert into crm_audit_entry (id, actor_id, request_id, action, entity, record_id, changes, context)
    values (${uuidv7()}, ${entry.actorId}::uuid, ${entry.requestId}, ${entry.action}, ${entry.entity},
            ${entry.recordId}::uuid, ${JSON.stringify(entry.changes)}::jsonb, ${JSON.stringify(entry.context ?? {})}::jsonb)`.execute(db);
}

/** Before and after of every field that differs between two versions of a record's data. */
export function diffRecordData(before: Record<string, unknown> | undefined, after: Record<string, unknown>): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  for (const key of keys) {
    const was = before?.[key];
    const now = after[key];
    if (JSON.stringify(was) !== JSON.stringify(now)) changes[key] = { before: was ?? null, after: now ?? null };
  }
  return changes;
}

export async function recordHistory(db: Kysely<unknown>, entity: string, recordId: string): Promise<AuditEntry[]> {
  const { rows } = await sql<AuditEntry>`
    select id, occurred_at, actor_id, request_id, action, entity, record_id, changes, context
    from crm_audit_entry where entity = ${entity} and record_id = ${recordId}::uuid
    order by occurred_at, id`.execute(db);
  return rows.map((row) => ({ ...row, occurred_at: new Date(row.occurred_at).toISOString() }));
}
