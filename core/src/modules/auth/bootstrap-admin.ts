import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Orm } from '../../db/create-orm.js';
import type { OrganisationService } from './organisation.service.js';

export const ADMIN_ROLE = {
  name: 'admin',
  label: { 'zh-CN': '系统管理员', en: 'Administrator', es: 'Administrador' },
  permissions: { admin: true },
};

/**
 * A database without users gets an administrator, so that someone can sign in. The password
 * comes from CRM_ADMIN_PASSWORD or is generated; it is returned so the server can print it once.
 */
export async function ensureAdministrator(orm: Orm, organisation: OrganisationService, password?: string): Promise<{ username: string; password: string } | undefined> {
  const db = orm.em.fork().getKysely() as Kysely<unknown>;
  const { rows } = await sql<{ n: string }>`select count(*)::text as n from crm_user`.execute(db);
  if (Number(rows[0]?.n) > 0) return undefined;
  const audit = { actorId: null, requestId: 'bootstrap' };
  await organisation.saveRole(ADMIN_ROLE, audit);
  const chosen = password ?? randomBytes(12).toString('base64url');
  await organisation.createUser({ username: 'admin', displayName: 'Administrator', password: chosen, roles: ['admin'] }, audit);
  return { username: 'admin', password: chosen };
}
