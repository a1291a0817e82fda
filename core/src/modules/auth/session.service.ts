import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { uuidv7 } from '../../shared/uuid-v7.js';
import type { Orm } from '../../db/create-orm.js';
import { CrmError } from '../../errors/crm-error.js';
import { appendAuditEntry } from '../audit/audit-trail.js';
import type { RolePermissions } from './permissions.js';
import { hashPassword, verifyPassword } from './password.js';
import { buildUserAccess, type UserAccess } from './user-access.js';
import { SessionCache } from './session-cache.js';
import type { Locale, LocalizedText } from '../../i18n/locale.js';

export const SESSION_TTL_HOURS = 12;
export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 15;

interface AccessRow {
  session_id: string | null;
  id: string;
  username: string;
  display_name: string;
  department_id: string | null;
  department_path: string | null;
  locale: string | null;
  roles: { name: string; permissions: RolePermissions }[];
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Sign-in with lock-out, opaque session tokens (stored hashed) and the per-request user lookup. */
export class SessionService {
  readonly cache = new SessionCache();

  constructor(private readonly orm: Orm) {}

  private db(): Kysely<unknown> {
    return this.orm.em.fork().getKysely() as Kysely<unknown>;
  }

  async signIn(username: string, password: string, requestId: string): Promise<{ token: string; user: UserAccess; expiresAt: Date }> {
    const db = this.db();
    const { rows } = await sql<{ id: string; password_hash: string; failed_sign_ins: number; locked_until: Date | null; active: boolean }>`
      select id, password_hash, failed_sign_ins, locked_until, active from crm_user where username = ${username}`.execute(db);
    const user = rows[0];
    if (user?.locked_until && new Date(user.locked_until) > new Date()) {
      throw new CrmError('CRM_ERR_ACCOUNT_LOCKED', { params: { until: new Date(user.locked_until).toISOString() } });
    }
    // Verify even for unknown users so that timing does not tell which user names exist.
    const valid = await verifyPassword(user?.password_hash ?? DUMMY_HASH, password);
    if (!user || !valid || !user.active) {
      if (user) await this.recordFailure(db, user.id, requestId);
      throw new CrmError('CRM_ERR_SIGN_IN_FAILED');
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + SESSION_TTL_HOURS * 3_600_000);
    await db.transaction().execute(async (trx) => {
      await sql`update crm_user set failed_sign_ins = 0, locked_until = null where id = ${user.id}`.execute(trx);
      await sql`insert into crm_session (id, token_hash, user_id, expires_at) values (${uuidv7()}, ${hashToken(token)}, ${user.id}, ${expiresAt})`.execute(trx);
      await appendAuditEntry(trx, { action: 'sign_in', actorId: user.id, requestId, entity: null, recordId: null, changes: {}, context: {} });
    });
    const access = await this.accessForToken(token);
    return { token, user: access!, expiresAt };
  }

  private async recordFailure(db: Kysely<unknown>, userId: string, requestId: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      await sql`update crm_user set failed_sign_ins = failed_sign_ins + 1,
          locked_until = case when failed_sign_ins + 1 >= ${MAX_FAILED_SIGN_INS} then now() + make_interval(mins => ${LOCK_MINUTES}) else locked_until end
        where id = ${userId}`.execute(trx);
      await appendAuditEntry(trx, { action: 'sign_in_failed', actorId: userId, requestId, entity: null, recordId: null, changes: {}, context: {} });
    });
  }

  /** The user behind a session token, with their roles, or undefined when the token is not valid. */
  async accessForToken(token: string): Promise<UserAccess | undefined> {
    const tokenHash = hashToken(token);
    const cached = this.cache.get(tokenHash);
    if (cached) return cached;
    const { rows } = await sql<AccessRow>`
      select s.id as session_id, u.id, u.username, u.display_name, u.department_id, d.path as department_path, u.locale,
        coalesce(json_agg(json_build_object('name', r.name, 'permissions', r.permissions)) filter (where r.id is not null), '[]') as roles
      from crm_session s
      join crm_user u on u.id = s.user_id and u.active
      left join crm_department d on d.id = u.department_id
      left join crm_user_role ur on ur.user_id = u.id
      left join crm_role r on r.id = ur.role_id
      where s.token_hash = ${tokenHash} and s.expires_at > now()
      group by s.id, u.id, d.path`.execute(this.db());
    const row = rows[0];
    if (!row) return undefined;
    const access = toAccess(row);
    this.cache.set(tokenHash, access);
    return access;
  }

  /** An active user's rights without a session: for work resumed on their behalf (an import after a restart). */
  async accessForUser(userId: string): Promise<UserAccess | undefined> {
    const { rows } = await sql<AccessRow>`
      select null as session_id, u.id, u.username, u.display_name, u.department_id, d.path as department_path, u.locale,
        coalesce(json_agg(json_build_object('name', r.name, 'permissions', r.permissions)) filter (where r.id is not null), '[]') as roles
      from crm_user u
      left join crm_department d on d.id = u.department_id
      left join crm_user_role ur on ur.user_id = u.id
      left join crm_role r on r.id = ur.role_id
      where u.id = ${userId}::uuid and u.active
      group by u.id, d.path`.execute(this.db());
    return rows[0] ? toAccess(rows[0]) : undefined;
  }

  async signOut(sessionId: string): Promise<void> {
    await sql`delete from crm_session where id = ${sessionId}`.execute(this.db());
    this.cache.forgetSession(sessionId);
  }

  /** What the shell shows of the signed-in user: the department's name and the roles' labels. */
  async profile(user: UserAccess): Promise<{ department: { id: string; name: string } | null; roleLabels: Record<string, LocalizedText> }> {
    const db = this.db();
    const [department, roles] = await Promise.all([
      user.departmentId
        ? sql<{ id: string; name: string }>`select id, name from crm_department where id = ${user.departmentId}::uuid`.execute(db)
        : Promise.resolve({ rows: [] as { id: string; name: string }[] }),
      sql<{ name: string; label: LocalizedText }>`select name, label from crm_role where name = any(${user.roles}::text[])`.execute(db),
    ]);
    return {
      department: department.rows[0] ?? null,
      roleLabels: Object.fromEntries(roles.rows.map((role) => [role.name, role.label])),
    };
  }

  /** The signed-in user's own language (null: follow the browser); sessions pick it up at once. */
  async setLocale(user: UserAccess, locale: Locale | null): Promise<void> {
    await sql`update crm_user set locale = ${locale}, updated_at = now() where id = ${user.userId}::uuid`.execute(this.db());
    this.cache.forgetUser(user.userId);
  }

  /** Changes a password and ends every other session of the user. */
  async changePassword(user: UserAccess, current: string, next: string, requestId: string): Promise<void> {
    const db = this.db();
    const { rows } = await sql<{ password_hash: string }>`select password_hash from crm_user where id = ${user.userId}`.execute(db);
    if (!rows[0] || !(await verifyPassword(rows[0].password_hash, current))) throw new CrmError('CRM_ERR_SIGN_IN_FAILED');
    const passwordHash = await hashPassword(next);
    await db.transaction().execute(async (trx) => {
      await sql`update crm_user set password_hash = ${passwordHash}, updated_at = now() where id = ${user.userId}`.execute(trx);
      await sql`delete from crm_session where user_id = ${user.userId} and id <> ${user.sessionId}::uuid`.execute(trx);
      await appendAuditEntry(trx, { action: 'password_change', actorId: user.userId, requestId, entity: null, recordId: null, changes: {}, context: {} });
    });
    this.cache.forgetUser(user.userId);
  }
}

function toAccess(row: AccessRow): UserAccess {
  return buildUserAccess({
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    departmentId: row.department_id,
    departmentPath: row.department_path,
    locale: row.locale,
    sessionId: row.session_id,
    roles: row.roles,
  });
}

// A valid argon2id hash of a random string, verified when the user name is unknown.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$2FtdRLHA09M0IzqhxrA9rA$/tBmiXUGTnAuXiflSzmhBw7rPfrGsU/IJvhnsyofMpo';
