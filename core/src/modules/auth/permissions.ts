export const RECORD_ACTIONS = ['create', 'read', 'update', 'delete', 'export', 'configure'] as const;
export type RecordAction = (typeof RECORD_ACTIONS)[number];

/** Which records an action reaches, from narrowest to widest. */
export const SCOPES = ['own', 'department', 'department_tree', 'all'] as const;
export type Scope = (typeof SCOPES)[number];

export type FieldAccess = 'hidden' | 'readonly';

/** Bounds on the values a role may write (data permissions), e.g. the largest discount. */
export interface ValueLimit {
  max?: number | string;
  min?: number | string;
}

export interface EntityGrant {
  actions: RecordAction[];
  scope: Scope;
  fields?: Record<string, FieldAccess>;
  limits?: Record<string, ValueLimit>;
}

/** What a role grants; stored as JSON on the role. `entities['*']` applies to every entity. */
export interface RolePermissions {
  /** Administrators configure everything and manage the organisation. */
  admin?: boolean;
  entities?: Record<string, EntityGrant>;
}

/** The effective permission of one user on one entity, merged over all their roles. */
export interface EntityPermission {
  actions: ReadonlySet<RecordAction>;
  scope: Scope;
  hidden: ReadonlySet<string>;
  readOnly: ReadonlySet<string>;
  limits: Readonly<Record<string, ValueLimit>>;
}

const FULL: EntityPermission = {
  actions: new Set(RECORD_ACTIONS),
  scope: 'all',
  hidden: new Set(),
  readOnly: new Set(),
  limits: {},
};

/**
 * Merges roles: the most permissive wins. An action granted by any role is granted, the widest
 * scope applies, a field stays hidden (read-only) only if every granting role hides it (or makes
 * it read-only), and a limit is the loosest of the granting roles' limits (none if one has none).
 */
export function mergeEntityPermission(entity: string, roles: RolePermissions[]): EntityPermission | undefined {
  if (roles.some((role) => role.admin)) return FULL;
  const grants = roles.map((role) => role.entities?.[entity] ?? role.entities?.['*']).filter((g): g is EntityGrant => !!g);
  if (grants.length === 0) return undefined;
  const actions = new Set(grants.flatMap((grant) => grant.actions));
  const scope = grants.map((grant) => grant.scope).reduce((widest, s) => (SCOPES.indexOf(s) > SCOPES.indexOf(widest) ? s : widest));
  const everyGrant = (test: (grant: EntityGrant) => boolean) => grants.every(test);
  const fieldNames = new Set(grants.flatMap((grant) => Object.keys(grant.fields ?? {})));
  const hidden = new Set([...fieldNames].filter((field) => everyGrant((grant) => grant.fields?.[field] === 'hidden')));
  const readOnly = new Set(
    [...fieldNames].filter((field) => !hidden.has(field) && everyGrant((grant) => grant.fields?.[field] !== undefined)),
  );
  const limits: Record<string, ValueLimit> = {};
  const limitFields = new Set(grants.flatMap((grant) => Object.keys(grant.limits ?? {})));
  for (const field of limitFields) {
    const all = grants.map((grant) => grant.limits?.[field]);
    if (all.some((limit) => limit === undefined)) continue;
    const maxes = all.map((limit) => limit!.max).filter((v) => v !== undefined).map(Number);
    const mins = all.map((limit) => limit!.min).filter((v) => v !== undefined).map(Number);
    const limit: ValueLimit = {};
    if (maxes.length === all.length) limit.max = Math.max(...maxes);
    if (mins.length === all.length) limit.min = Math.min(...mins);
    if (limit.max !== undefined || limit.min !== undefined) limits[field] = limit;
  }
  return { actions, scope, hidden, readOnly, limits };
}
