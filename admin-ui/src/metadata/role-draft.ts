import type { LocalizedText } from '@crm/schemas';
import type { EntityGrant, FieldAccess, RecordAction, Role, Scope, ValueLimit } from '../api/org-api';

/** One entity's row in the roles editor; no actions means no grant at all. */
export interface GrantDraft {
  entity: string;
  actions: RecordAction[];
  scope: Scope;
  fields: Record<string, FieldAccess | ''>;
  limits: Record<string, { min: string; max: string }>;
}

export interface RoleDraft {
  name: string;
  label: LocalizedText;
  admin: boolean;
  grants: Record<string, GrantDraft>;
}

export const ALL_ENTITIES = '*';

export function emptyGrant(entity: string): GrantDraft {
  return { entity, actions: [], scope: 'own', fields: {}, limits: {} };
}

export function roleDraft(role: Role | undefined, entities: string[]): RoleDraft {
  const grants: Record<string, GrantDraft> = {};
  for (const entity of [ALL_ENTITIES, ...entities]) {
    const grant = role?.permissions.entities?.[entity];
    grants[entity] = grant
      ? {
          entity,
          actions: [...grant.actions],
          scope: grant.scope,
          fields: { ...grant.fields },
          limits: Object.fromEntries(
            Object.entries(grant.limits ?? {}).map(([field, limit]) => [field, { min: limit.min === undefined ? '' : String(limit.min), max: limit.max === undefined ? '' : String(limit.max) }]),
          ),
        }
      : emptyGrant(entity);
  }
  return { name: role?.name ?? '', label: { 'zh-CN': '', en: '', es: '', ...role?.label }, admin: role?.permissions.admin === true, grants };
}

/** The role as `PUT /org/roles` takes it: entities without actions are left out, blank rules and limits too. */
export function toRole(draft: RoleDraft): Role {
  const entities: Record<string, EntityGrant> = {};
  for (const grant of Object.values(draft.grants)) {
    if (grant.actions.length === 0) continue;
    const fields = Object.fromEntries(Object.entries(grant.fields).filter((entry): entry is [string, FieldAccess] => entry[1] === 'hidden' || entry[1] === 'readonly'));
    const limits: Record<string, ValueLimit> = {};
    for (const [field, limit] of Object.entries(grant.limits)) {
      const value: ValueLimit = {};
      if (limit.min.trim()) value.min = asNumber(limit.min.trim());
      if (limit.max.trim()) value.max = asNumber(limit.max.trim());
      if (value.min !== undefined || value.max !== undefined) limits[field] = value;
    }
    entities[grant.entity] = {
      actions: grant.actions,
      scope: grant.scope,
      ...(Object.keys(fields).length ? { fields } : {}),
      ...(Object.keys(limits).length ? { limits } : {}),
    };
  }
  return { name: draft.name, label: draft.label, permissions: { ...(draft.admin ? { admin: true } : {}), entities } };
}

const NUMBER = /^-?\d{1,15}(\.\d{1,4})?$/;

/** A limit as a number when that loses nothing ("10" → 10), else as the exact decimal text. */
function asNumber(text: string): number | string {
  const number = Number(text);
  return Number.isFinite(number) && String(number) === text ? number : text;
}

export type RoleProblem = 'name' | 'labels' | 'limit';

export function roleProblems(draft: RoleDraft): RoleProblem[] {
  const problems: RoleProblem[] = [];
  if (!/^[a-z][a-z0-9_]{1,59}$/.test(draft.name)) problems.push('name');
  if (Object.values(draft.label).some((text) => !text.trim())) problems.push('labels');
  const limits = Object.values(draft.grants).flatMap((grant) => Object.values(grant.limits));
  if (limits.some((limit) => [limit.min, limit.max].some((v) => v.trim() && !NUMBER.test(v.trim())))) problems.push('limit');
  return problems;
}
