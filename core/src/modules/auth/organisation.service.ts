import { sql, type Kysely } from 'kysely';
import { uuidv7 } from '../../shared/uuid-v7.js';
import type { Orm } from '../../db/create-orm.js';
import { CrmError } from '../../errors/crm-error.js';
import type { LocalizedText } from '../../i18n/locale.js';
import { appendAuditEntry } from '../audit/audit-trail.js';
import type { DefinitionRegistry } from '../metadata/definition-registry.js';
import { recordTable } from '../records/record-table.js';
import { hashPassword } from './password.js';
import type { RolePermissions } from './permissions.js';
import type { SessionCache } from './session-cache.js';

export interface DepartmentInput {
  name: string;
  parentId?: string | null;
  /** The head of the department (a user): approvals and escalations can go to them. */
  headId?: string | null;
}

export interface UserInput {
  username: string;
  displayName: string;
  password: string;
  email?: string | null;
  departmentId?: string | null;
  managerId?: string | null;
  locale?: string | null;
  roles?: string[];
}

export type UserChange = Partial<Omit<UserInput, 'username'>> & { active?: boolean };

export interface RoleInput {
  name: string;
  label: LocalizedText;
  permissions: RolePermissions;
}

export interface AuditContext {
  actorId: string | null;
  requestId: string | null;
}

const USER_COLUMNS = sql.raw(`u.id, u.username, u.display_name, u.email, u.department_id, u.manager_id, u.locale, u.active,
  coalesce((select json_agg(r.name order by r.name) from crm_user_role ur join crm_role r on r.id = ur.role_id where ur.user_id = u.id), '[]') as roles`);

/** Departments (a tree), users and roles; and moving a leaving employee's work to a colleague. */
export class OrganisationService {
  constructor(
    private readonly orm: Orm,
    private readonly registry: DefinitionRegistry,
    /** Signed-in users whose rights changed must not keep a cached copy of the old ones. */
    private readonly sessions: SessionCache,
  ) {}

  private db(): Kysely<unknown> {
    return this.orm.em.fork().getKysely() as Kysely<unknown>;
  }

  async listDepartments() {
    return (await sql`select id, name, parent_id, path, head_id from crm_department order by path`.execute(this.db())).rows;
  }

  async createDepartment(input: DepartmentInput, audit: AuditContext) {
    const id = uuidv7();
    return this.db().transaction().execute(async (trx) => {
      const parentPath = input.parentId ? await this.departmentPath(trx, input.parentId) : '/';
      const path = `${parentPath}${id}/`;
      if (input.headId) await this.assertUserExists(trx, input.headId);
      await sql`insert into crm_department (id, name, parent_id, path, head_id)
        values (${id}, ${input.name}, ${input.parentId ?? null}, ${path}, ${input.headId ?? null})`.execute(trx);
      await this.audit(trx, audit, { department: { before: null, after: { id, name: input.name, parentId: input.parentId ?? null, headId: input.headId ?? null } } });
      return { id, name: input.name, parent_id: input.parentId ?? null, path, head_id: input.headId ?? null };
    });
  }

  /** Renames or moves a department; moving rewrites the paths of its whole subtree. */
  async updateDepartment(id: string, change: Partial<DepartmentInput>, audit: AuditContext) {
    return this.db().transaction().execute(async (trx) => {
      const oldPath = await this.departmentPath(trx, id);
      if (change.name !== undefined) await sql`update crm_department set name = ${change.name} where id = ${id}`.execute(trx);
      if (change.headId !== undefined) {
        if (change.headId) await this.assertUserExists(trx, change.headId);
        await sql`update crm_department set head_id = ${change.headId} where id = ${id}`.execute(trx);
      }
      if (change.parentId !== undefined) {
        const parentPath = change.parentId ? await this.departmentPath(trx, change.parentId) : '/';
        if (parentPath.startsWith(oldPath)) throw new CrmError('CRM_ERR_ORG_CONFLICT', { params: { reason: 'a department cannot move below itself' } });
        const newPath = `${parentPath}${id}/`;
        await sql`update crm_department set parent_id = ${change.parentId} where id = ${id}`.execute(trx);
        await sql`update crm_department set path = ${newPath} || substr(path, ${oldPath.length + 1}) where path like ${`${oldPath}%`}`.execute(trx);
      }
      await this.audit(trx, audit, { department: { before: { id }, after: { id, ...change } } });
      return (await sql`select id, name, parent_id, path, head_id from crm_department where id = ${id}`.execute(trx)).rows[0];
    }).finally(() => this.sessions.clear());
  }

  async listUsers() {
    return (await sql`select ${USER_COLUMNS} from crm_user u order by u.username`.execute(this.db())).rows;
  }

  async getUser(id: string) {
    const user = (await sql`select ${USER_COLUMNS} from crm_user u where u.id = ${id}::uuid`.execute(this.db())).rows[0];
    if (!user) throw new CrmError('CRM_ERR_ORG_NOT_FOUND', { params: { kind: 'user', id } });
    return user;
  }

  async createUser(input: UserInput, audit: AuditContext) {
    const id = uuidv7();
    const passwordHash = await hashPassword(input.password);
    await this.db().transaction().execute(async (trx) => {
      const taken = await sql`select 1 from crm_user where username = ${input.username}`.execute(trx);
      if (taken.rows.length) throw new CrmError('CRM_ERR_ORG_CONFLICT', { params: { reason: `user name "${input.username}" is taken` } });
      await sql`insert into crm_user (id, username, display_name, email, password_hash, department_id, manager_id, locale)
        values (${id}, ${input.username}, ${input.displayName}, ${input.email ?? null}, ${passwordHash},
                ${input.departmentId ?? null}, ${input.managerId ?? null}, ${input.locale ?? null})`.execute(trx);
      await this.setRoles(trx, id, input.roles ?? []);
      await this.audit(trx, audit, { user: { before: null, after: { id, username: input.username, roles: input.roles ?? [] } } }, 'permission_change');
    });
    return this.getUser(id);
  }

  async updateUser(id: string, change: UserChange, audit: AuditContext) {
    const before = await this.getUser(id);
    const passwordHash = change.password ? await hashPassword(change.password) : undefined;
    await this.db().transaction().execute(async (trx) => {
      const sets = [
        change.displayName !== undefined ? sql`display_name = ${change.displayName}` : undefined,
        change.email !== undefined ? sql`email = ${change.email}` : undefined,
        change.departmentId !== undefined ? sql`department_id = ${change.departmentId}` : undefined,
        change.managerId !== undefined ? sql`manager_id = ${change.managerId}` : undefined,
        change.locale !== undefined ? sql`locale = ${change.locale}` : undefined,
        change.active !== undefined ? sql`active = ${change.active}` : undefined,
        passwordHash ? sql`password_hash = ${passwordHash}, failed_sign_ins = 0, locked_until = null` : undefined,
      ].filter((set) => set !== undefined);
      if (sets.length) await sql`update crm_user set ${sql.join(sets)}, updated_at = now() where id = ${id}`.execute(trx);
      if (change.roles) await this.setRoles(trx, id, change.roles);
      if (change.active === false || passwordHash) await sql`delete from crm_session where user_id = ${id}`.execute(trx);
      const { password: _secret, ...visible } = change;
      await this.audit(trx, audit, { user: { before, after: { id, ...visible } } }, change.roles ? 'permission_change' : 'organisation_change');
    });
    this.sessions.forgetUser(id);
    return this.getUser(id);
  }

  async listRoles() {
    return (await sql`select id, name, label, permissions from crm_role order by name`.execute(this.db())).rows;
  }

  async saveRole(input: RoleInput, audit: AuditContext) {
    return this.db().transaction().execute(async (trx) => {
      const existing = (await sql<{ id: string; permissions: RolePermissions }>`select id, permissions from crm_role where name = ${input.name}`.execute(trx)).rows[0];
      const id = existing?.id ?? uuidv7();
      await sql`insert into crm_role (id, name, label, permissions) values (${id}, ${input.name}, ${JSON.stringify(input.label)}::jsonb, ${JSON.stringify(input.permissions)}::jsonb)
        on conflict (name) do update set label = excluded.label, permissions = excluded.permissions, updated_at = now()`.execute(trx);
      await this.audit(trx, audit, { [`role:${input.name}`]: { before: existing?.permissions ?? null, after: input.permissions } }, 'permission_change');
      return { id, ...input };
    }).finally(() => this.sessions.clear());
  }

  /**
   * When an employee leaves: their records (every entity) pass to a colleague in one transaction,
   * each moved record with its own audit entry. Open tasks and approvals follow once workflows exist.
   */
  async transferOwnership(fromUserId: string, toUserId: string, deactivate: boolean, audit: AuditContext) {
    await this.getUser(fromUserId);
    const to = (await sql<{ department_id: string | null }>`select department_id from crm_user where id = ${toUserId}::uuid and active`.execute(this.db())).rows[0];
    if (!to) throw new CrmError('CRM_ERR_ORG_NOT_FOUND', { params: { kind: 'active user', id: toUserId } });
    const moved: Record<string, number> = {};
    await this.db().transaction().execute(async (trx) => {
      for (const model of this.registry.all()) {
        const { rows } = await sql<{ count: string }>`
          with moved as (
            update ${recordTable(model.name)} set owner_id = ${toUserId}::uuid, department_id = ${to.department_id}::uuid,
              version = version + 1, updated_at = now(), updated_by = ${audit.actorId}::uuid
            where owner_id = ${fromUserId}::uuid and deleted_at is null
            returning id),
          logged as (
            insert into crm_audit_entry (id, actor_id, request_id, action, entity, record_id, changes, context)
            select gen_random_uuid(), ${audit.actorId}::uuid, ${audit.requestId}, 'ownership_transfer', ${model.name}, id,
              jsonb_build_object('owner_id', jsonb_build_object('before', ${fromUserId}::text, 'after', ${toUserId}::text)), '{}'::jsonb
            from moved returning 1)
          select count(*)::text as count from logged`.execute(trx);
        const count = Number(rows[0]?.count ?? 0);
        if (count) moved[model.name] = count;
      }
      if (deactivate) {
        await sql`update crm_user set active = false, updated_at = now() where id = ${fromUserId}::uuid`.execute(trx);
        await sql`delete from crm_session where user_id = ${fromUserId}::uuid`.execute(trx);
      }
      await this.audit(trx, audit, { owner: { before: fromUserId, after: toUserId } }, 'ownership_transfer', { moved, deactivated: deactivate });
    });
    this.sessions.forgetUser(fromUserId);
    return { moved };
  }

  private async assertUserExists(db: Kysely<unknown>, id: string): Promise<void> {
    const found = await sql`select 1 from crm_user where id = ${id}::uuid`.execute(db);
    if (!found.rows.length) throw new CrmError('CRM_ERR_ORG_NOT_FOUND', { params: { kind: 'user', id } });
  }

  private async departmentPath(db: Kysely<unknown>, id: string): Promise<string> {
    const row = (await sql<{ path: string }>`select path from crm_department where id = ${id}::uuid`.execute(db)).rows[0];
    if (!row) throw new CrmError('CRM_ERR_ORG_NOT_FOUND', { params: { kind: 'department', id } });
    return row.path;
  }

  private async setRoles(db: Kysely<unknown>, userId: string, roles: string[]): Promise<void> {
    const found = (await sql<{ id: string; name: string }>`select id, name from crm_role where name = any(${roles}::text[])`.execute(db)).rows;
    const missing = roles.filter((name) => !found.some((role) => role.name === name));
    if (missing.length) throw new CrmError('CRM_ERR_ORG_NOT_FOUND', { params: { kind: 'role', id: missing.join(', ') } });
    await sql`delete from crm_user_role where user_id = ${userId}`.execute(db);
    for (const role of found) await sql`insert into crm_user_role (user_id, role_id) values (${userId}, ${role.id})`.execute(db);
  }

  private async audit(
    db: Kysely<unknown>,
    audit: AuditContext,
    changes: Record<string, { before: unknown; after: unknown }>,
    action: 'organisation_change' | 'permission_change' | 'ownership_transfer' = 'organisation_change',
    context: Record<string, unknown> = {},
  ): Promise<void> {
    await appendAuditEntry(db, { action, actorId: audit.actorId, requestId: audit.requestId, entity: null, recordId: null, changes, context });
  }
}
