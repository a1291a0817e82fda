import type { LocalizedText } from '@crm/schemas';
import { http } from './http';

export interface Department {
  id: string;
  name: string;
  parent_id: string | null;
  path: string;
}

export interface OrgUser {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  department_id: string | null;
  manager_id: string | null;
  locale: string | null;
  active: boolean;
  roles: string[];
}

export const RECORD_ACTIONS = ['create', 'read', 'update', 'delete', 'export', 'configure'] as const;
export type RecordAction = (typeof RECORD_ACTIONS)[number];
export const SCOPES = ['own', 'department', 'department_tree', 'all'] as const;
export type Scope = (typeof SCOPES)[number];
export type FieldAccess = 'hidden' | 'readonly';

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

export interface RolePermissions {
  admin?: boolean;
  entities?: Record<string, EntityGrant>;
}

export interface Role {
  id?: string;
  name: string;
  label: LocalizedText;
  permissions: RolePermissions;
}

export interface UserInput {
  username?: string;
  displayName?: string;
  password?: string;
  email?: string | null;
  departmentId?: string | null;
  managerId?: string | null;
  locale?: string | null;
  roles?: string[];
  active?: boolean;
}

export const orgApi = {
  async departments(): Promise<Department[]> {
    return (await http<{ data: Department[] }>('GET', '/org/departments')).data;
  },
  createDepartment: (input: { name: string; parentId: string | null }) => http<Department>('POST', '/org/departments', { body: input }),
  updateDepartment: (id: string, change: { name?: string; parentId?: string | null }) =>
    http<Department>('PATCH', `/org/departments/${encodeURIComponent(id)}`, { body: change }),
  async users(): Promise<OrgUser[]> {
    return (await http<{ data: OrgUser[] }>('GET', '/org/users')).data;
  },
  createUser: (input: UserInput) => http<OrgUser>('POST', '/org/users', { body: input }),
  updateUser: (id: string, change: UserInput) => http<OrgUser>('PATCH', `/org/users/${encodeURIComponent(id)}`, { body: change }),
  transfer: (id: string, to: string, deactivate: boolean) =>
    http<{ moved: Record<string, number> }>('POST', `/org/users/${encodeURIComponent(id)}/transfer`, { body: { to, deactivate } }),
  async roles(): Promise<Role[]> {
    return (await http<{ data: Role[] }>('GET', '/org/roles')).data;
  },
  saveRole: (role: Role) => http<Role>('PUT', '/org/roles', { body: { name: role.name, label: role.label, permissions: role.permissions } }),
};
