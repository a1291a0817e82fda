import { defineEntity, p } from '@mikro-orm/core';
import type { LocalizedText } from '../../i18n/locale.js';
import type { RolePermissions } from './permissions.js';

export const DepartmentSchema = defineEntity({
  name: 'Department',
  tableName: 'crm_department',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(200),
    parentId: p.uuid().nullable(),
    path: p.string().length(2000),
    headId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class Department extends DepartmentSchema.class {}
DepartmentSchema.setClass(Department);

export const UserSchema = defineEntity({
  name: 'User',
  tableName: 'crm_user',
  properties: {
    id: p.uuid().primary(),
    username: p.string().length(60).unique(),
    displayName: p.string().length(200),
    email: p.string().length(320).nullable(),
    passwordHash: p.string().length(200).hidden(),
    departmentId: p.uuid().nullable(),
    managerId: p.uuid().nullable(),
    locale: p.string().length(10).nullable(),
    active: p.boolean().default(true),
    failedSignIns: p.integer().default(0).hidden(),
    lockedUntil: p.datetime().nullable().hidden(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export class User extends UserSchema.class {}
UserSchema.setClass(User);

export const RoleSchema = defineEntity({
  name: 'Role',
  tableName: 'crm_role',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(60).unique(),
    label: p.json<LocalizedText>(),
    permissions: p.json<RolePermissions>(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export class Role extends RoleSchema.class {}
RoleSchema.setClass(Role);

export const UserRoleSchema = defineEntity({
  name: 'UserRole',
  tableName: 'crm_user_role',
  properties: {
    userId: p.uuid().primary(),
    roleId: p.uuid().primary(),
  },
});
export class UserRole extends UserRoleSchema.class {}
UserRoleSchema.setClass(UserRole);

export const SessionSchema = defineEntity({
  name: 'Session',
  tableName: 'crm_session',
  properties: {
    id: p.uuid().primary(),
    tokenHash: p.string().length(64).unique(),
    userId: p.uuid(),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime(),
  },
});
export class Session extends SessionSchema.class {}
SessionSchema.setClass(Session);
