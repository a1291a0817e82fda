import { sql, type Kysely } from 'kysely';
import { CrmError } from '../../errors/crm-error.js';

/**
 * Who a task, an approval or a message goes to, as a workflow or a rule names them. Resolved
 * against the organisation at the moment the work is handed out, so a change of manager or
 * department head applies to the next step.
 */
export type ParticipantSpec =
  | { kind: 'user'; id: string }
  /** Every active user holding the role. */
  | { kind: 'role'; role: string }
  /** The record's owner. */
  | { kind: 'owner' }
  /** The manager of the record's owner. */
  | { kind: 'owner_manager' }
  /** The manager of the user who acts (the requester of an approval). */
  | { kind: 'actor_manager' }
  /**
   * The head of a department: the record's department, the owner's or the actor's;
   * `levelsUp` climbs the tree (1 = the parent department's head).
   */
  | { kind: 'department_head'; of: 'record' | 'owner' | 'actor'; levelsUp?: number }
  /** A user id stored in a field of the record (a text field holding the user's id). */
  | { kind: 'field'; field: string };

export const PARTICIPANT_KINDS = ['user', 'role', 'owner', 'owner_manager', 'actor_manager', 'department_head', 'field'] as const;

/** What participants are resolved against. */
export interface ParticipantContext {
  ownerId: string | null;
  /** The record's department (the owner's when it was written). */
  departmentId: string | null;
  data: Record<string, unknown>;
  actorId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The active users the specs name, each once, in the order of the specs (role members by user
 * name). A spec that names nobody (no manager, no head) contributes no one; the caller decides
 * whether an empty result is an error.
 */
export async function resolveParticipants(db: Kysely<unknown>, specs: readonly ParticipantSpec[], context: ParticipantContext): Promise<string[]> {
  const found: string[] = [];
  for (const spec of specs) {
    for (const id of await resolveOne(db, spec, context)) if (!found.includes(id)) found.push(id);
  }
  if (found.length === 0) return found;
  const { rows } = await sql<{ id: string }>`select id from crm_user where id = any(${found}::uuid[]) and active`.execute(db);
  const active = new Set(rows.map((row) => row.id));
  return found.filter((id) => active.has(id));
}

async function resolveOne(db: Kysely<unknown>, spec: ParticipantSpec, context: ParticipantContext): Promise<string[]> {
  switch (spec.kind) {
    case 'user':
      return UUID.test(spec.id) ? [spec.id.toLowerCase()] : [];
    case 'role': {
      const { rows } = await sql<{ id: string }>`
        select u.id from crm_user u join crm_user_role ur on ur.user_id = u.id join crm_role r on r.id = ur.role_id
        where r.name = ${spec.role} and u.active order by u.username`.execute(db);
      return rows.map((row) => row.id);
    }
    case 'owner':
      return context.ownerId ? [context.ownerId] : [];
    case 'owner_manager':
      return managerOf(db, context.ownerId);
    case 'actor_manager':
      return managerOf(db, context.actorId);
    case 'department_head':
      return departmentHead(db, await departmentOf(db, spec.of, context), spec.levelsUp ?? 0);
    case 'field': {
      const value = context.data[spec.field];
      return typeof value === 'string' && UUID.test(value) ? [value.toLowerCase()] : [];
    }
    default:
      throw new CrmError('CRM_ERR_BAD_REQUEST', { params: { reason: `unknown participant kind "${(spec as { kind: string }).kind}"` } });
  }
}

async function managerOf(db: Kysely<unknown>, userId: string | null): Promise<string[]> {
  if (!userId) return [];
  const { rows } = await sql<{ manager_id: string | null }>`select manager_id from crm_user where id = ${userId}::uuid`.execute(db);
  return rows[0]?.manager_id ? [rows[0].manager_id] : [];
}

async function departmentOf(db: Kysely<unknown>, of: 'record' | 'owner' | 'actor', context: ParticipantContext): Promise<string | null> {
  if (of === 'record') return context.departmentId;
  const userId = of === 'owner' ? context.ownerId : context.actorId;
  if (!userId) return null;
  const { rows } = await sql<{ department_id: string | null }>`select department_id from crm_user where id = ${userId}::uuid`.execute(db);
  return rows[0]?.department_id ?? null;
}

/** The head of the department `levelsUp` levels above; a department without a head defers to its parent's. */
async function departmentHead(db: Kysely<unknown>, departmentId: string | null, levelsUp: number): Promise<string[]> {
  if (!departmentId) return [];
  const { rows } = await sql<{ path: string }>`select path from crm_department where id = ${departmentId}::uuid`.execute(db);
  const path = rows[0]?.path;
  if (!path) return [];
  // The path lists the ids from the root down to this department.
  const chain = path.split('/').filter(Boolean).reverse().slice(levelsUp);
  if (chain.length === 0) return [];
  const heads = await sql<{ id: string; head_id: string | null }>`select id, head_id from crm_department where id = any(${chain}::uuid[])`.execute(db);
  const headOf = new Map(heads.rows.map((row) => [row.id, row.head_id]));
  for (const id of chain) {
    const head = headOf.get(id);
    if (head) return [head];
  }
  return [];
}
