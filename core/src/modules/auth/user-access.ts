import { mergeEntityPermission, type EntityPermission, type RolePermissions } from './permissions.js';

/** The signed-in user as every module sees them: identity, place in the organisation, rights. */
export interface UserAccess {
  userId: string;
  username: string;
  displayName: string;
  departmentId: string | null;
  /** Materialized path of the user's department, for "my department and below". */
  departmentPath: string | null;
  locale: string | null;
  isAdmin: boolean;
  roles: string[];
  sessionId: string | null;
  permission(entity: string): EntityPermission | undefined;
}

export interface UserAccessInput {
  userId: string;
  username: string;
  displayName: string;
  departmentId: string | null;
  departmentPath: string | null;
  locale: string | null;
  sessionId: string | null;
  roles: { name: string; permissions: RolePermissions }[];
}

export function buildUserAccess(input: UserAccessInput): UserAccess {
  const permissions = input.roles.map((role) => role.permissions);
  const merged = new Map<string, EntityPermission | undefined>();
  return {
    userId: input.userId,
    username: input.username,
    displayName: input.displayName,
    departmentId: input.departmentId,
    departmentPath: input.departmentPath,
    locale: input.locale,
    sessionId: input.sessionId,
    isAdmin: permissions.some((p) => p.admin === true),
    roles: input.roles.map((role) => role.name),
    permission(entity: string) {
      if (!merged.has(entity)) merged.set(entity, mergeEntityPermission(entity, permissions));
      return merged.get(entity);
    },
  };
}
