import { sql, type Kysely } from 'kysely';
import { uuidv7 } from '../../shared/uuid-v7.js';

export type AuditAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'restore'
  | 'definition_change'
  | 'sign_in'
  | 'sign_in_failed'
  | 'password_change'
  | 'organisation_change'
  | 'permission_change'
  | 'ownership_transfer';

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

/** Writes audit entries on the given connection, i.e. inside the caller's transaction, in one statement. */
export async function appendAuditEntries(db: Kysely<unknown>, entries: AuditEntryInput[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((entry) => ({
    id: uuidv7(),
    actor_id: entry.actorId,
    request_id: entry.requestId,
    action: entry.action,
    entity: entry.entity,
    record_id: entry.recordId,
    changes: entry.changes,
    context: entry.context ?? {},
  }));
  await sql`insert into crm_audit_entry (id, actor_id, request_id, action, entity, record_id, changes, context)
    select id, actor_id, request_id, action, entity, record_id, changes, context
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as x(id uuid, actor_id uuid, request_id varchar, action varchar, entity varchar, record_id uuid, changes jsonb, context jsonb)`.execute(db);
}

export async function appendAuditEntry(db: Kysely<unknown>, entry: AuditEntryInput): Promise<void> {
  await appendAuditEntries(db, [entry]);
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
  const { rows } = await sql<AuditEntry & { snapshot: Record<string, unknown> | null }>`
    select id, occurred_at, actor_id, request_id, action, entity, record_id, changes, snapshot, context
    from crm_audit_entry where entity = ${entity} and record_id = ${recordId}::uuid
    order by occurred_at, id`.execute(db);
  return rows.map(({ snapshot, ...row }) => ({
    ...row,
    changes: snapshot ? { ...diffRecordData(undefined, snapshot), ...row.changes } : row.changes,
    occurred_at: new Date(row.occurred_at).toISOString(),
  }));
}
