import { sql, type RawBuilder } from 'kysely';
import { CrmError, type FieldError } from '../../errors/crm-error.js';
import type { RecordAction, EntityPermission } from '../auth/permissions.js';
import type { EntityModel } from '../metadata/entity-model.js';
import type { RecordActor } from './record-types.js';
import type { Locale } from '../../i18n/locale.js';

/** Field-level messages of the refusals below, in the caller's language (the form shows them under the field). */
const FIELD_MESSAGES = {
  readOnly: { en: 'you may not change this field', 'zh-CN': '你无权修改此字段', es: 'no puede cambiar este campo' },
  maximum: { en: 'your role allows at most {limit}', 'zh-CN': '你的角色最多允许 {limit}', es: 'su rol permite como máximo {limit}' },
  minimum: { en: 'your role allows at least {limit}', 'zh-CN': '你的角色最少允许 {limit}', es: 'su rol permite como mínimo {limit}' },
} as const;

const fieldMessage = (key: keyof typeof FIELD_MESSAGES, locale: Locale, limit = '') => FIELD_MESSAGES[key][locale].replace('{limit}', limit);

const FULL_ACCESS: EntityPermission = {
  actions: new Set(['create', 'read', 'update', 'delete', 'export', 'configure']),
  scope: 'all',
  hidden: new Set(),
  readOnly: new Set(),
  limits: {},
};

/** The actor's permission on the entity for an action; refuses with 403 when they lack it. */
export function requirePermission(actor: RecordActor, model: EntityModel, action: RecordAction): EntityPermission {
  if (!actor.access) return FULL_ACCESS; // system work: seeding, imports run by the server itself
  const permission = actor.access.permission(model.name);
  if (!permission?.actions.has(action)) {
    throw new CrmError('CRM_ERR_FORBIDDEN', { params: { action, entity: model.name } });
  }
  return permission;
}

/** Whether the actor may read the entity at all (used where refusing would be wrong, e.g. expansion). */
export function readPermission(actor: RecordActor, model: EntityModel): EntityPermission | undefined {
  if (!actor.access) return FULL_ACCESS;
  const permission = actor.access.permission(model.name);
  return permission?.actions.has('read') ? permission : undefined;
}

/** The record scope as a SQL condition on the record table, so paging and totals stay right. */
export function scopeSql(actor: RecordActor, permission: EntityPermission): RawBuilder<unknown> | undefined {
  const access = actor.access;
  if (!access || permission.scope === 'all') return undefined;
  switch (permission.scope) {
    case 'own':
      return sql`owner_id = ${access.userId}::uuid`;
    case 'department':
      return access.departmentId ? sql`department_id = ${access.departmentId}::uuid` : sql`owner_id = ${access.userId}::uuid`;
    case 'department_tree':
      return access.departmentPath
        ? sql`department_id in (select id from crm_department where path like ${`${access.departmentPath}%`})`
        : sql`owner_id = ${access.userId}::uuid`;
  }
}

const viewCache = new WeakMap<EntityModel, Map<string, EntityModel>>();

/**
 * The entity as this permission may see it: hidden fields are not in it at all, so they cannot
 * be returned, filtered, sorted or expanded (to the caller they do not exist).
 */
export function visibleModel(model: EntityModel, permission: EntityPermission): EntityModel {
  if (permission.hidden.size === 0) return model;
  const key = [...permission.hidden].sort().join(',');
  let views = viewCache.get(model);
  if (!views) viewCache.set(model, (views = new Map()));
  let view = views.get(key);
  if (!view) {
    view = { ...model, fields: new Map([...model.fields].filter(([name]) => !permission.hidden.has(name))) };
    views.set(key, view);
  }
  return view;
}

/** Refuses writes to hidden or read-only fields and values beyond the role's limits. */
export function assertWritable(permission: EntityPermission, changes: Record<string, unknown>, pathPrefix: string, locale: Locale = 'en'): void {
  const problems: FieldError[] = [];
  for (const field of Object.keys(changes)) {
    if (permission.hidden.has(field) || permission.readOnly.has(field)) {
      problems.push({ path: `${pathPrefix}/${field}`, keyword: 'readOnly', message: fieldMessage('readOnly', locale) });
    }
  }
  if (problems.length) throw new CrmError('CRM_ERR_FIELD_READ_ONLY', { fields: problems });
  for (const [field, limit] of Object.entries(permission.limits)) {
    const value = changes[field];
    if (value === undefined || value === null) continue;
    const number = Number(value);
    if (Number.isNaN(number)) continue;
    if (limit.max !== undefined && number > Number(limit.max)) {
      problems.push({ path: `${pathPrefix}/${field}`, keyword: 'maximum', message: fieldMessage('maximum', locale, String(limit.max)) });
    }
    if (limit.min !== undefined && number < Number(limit.min)) {
      problems.push({ path: `${pathPrefix}/${field}`, keyword: 'minimum', message: fieldMessage('minimum', locale, String(limit.min)) });
    }
  }
  if (problems.length) throw new CrmError('CRM_ERR_LIMIT_EXCEEDED', { fields: problems });
}
