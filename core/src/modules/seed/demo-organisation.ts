import type { OrganisationService } from '../auth/organisation.service.js';
import type { EntityGrant, RolePermissions } from '../auth/permissions.js';
import { ADMIN_ROLE } from '../auth/bootstrap-admin.js';

export const DEMO_PASSWORD = 'crm-demo-2026';

const salesEntities = ['customer', 'contact', 'company', 'opportunity', 'quote', 'order', 'activity'];
const grantAll = (entities: string[], grant: EntityGrant): Record<string, EntityGrant> =>
  Object.fromEntries(entities.map((entity) => [entity, grant]));

const ROLES: { name: string; label: Record<'zh-CN' | 'en' | 'es', string>; permissions: RolePermissions }[] = [
  ADMIN_ROLE,
  {
    name: 'sales_manager',
    label: { 'zh-CN': '销售经理', en: 'Sales manager', es: 'Gerente de ventas' },
    permissions: {
      entities: {
        ...grantAll(salesEntities, { actions: ['create', 'read', 'update', 'delete', 'export'], scope: 'department_tree' }),
        order: { actions: ['create', 'read', 'update', 'delete', 'export'], scope: 'department_tree', limits: { discount_pct: { max: 25 } } },
        product: { actions: ['read'], scope: 'all' },
        service_ticket: { actions: ['read'], scope: 'department_tree' },
      },
    },
  },
  {
    name: 'sales_rep',
    label: { 'zh-CN': '销售代表', en: 'Sales representative', es: 'Representante de ventas' },
    permissions: {
      entities: {
        ...grantAll(salesEntities, { actions: ['create', 'read', 'update'], scope: 'own' }),
        customer: { actions: ['create', 'read', 'update'], scope: 'own', fields: { credit_rating: 'readonly' } },
        order: { actions: ['create', 'read', 'update'], scope: 'own', limits: { discount_pct: { max: 10 } } },
        product: { actions: ['read'], scope: 'all' },
      },
    },
  },
  {
    name: 'service_agent',
    label: { 'zh-CN': '客服专员', en: 'Service agent', es: 'Agente de servicio' },
    permissions: {
      entities: {
        service_ticket: { actions: ['create', 'read', 'update'], scope: 'department_tree' },
        activity: { actions: ['create', 'read', 'update'], scope: 'department_tree' },
        customer: { actions: ['read'], scope: 'all', fields: { annual_revenue: 'hidden', credit_rating: 'hidden' } },
        contact: { actions: ['read'], scope: 'all' },
        product: { actions: ['read'], scope: 'all' },
      },
    },
  },
  {
    name: 'auditor',
    label: { 'zh-CN': '审计员', en: 'Auditor', es: 'Auditor' },
    permissions: { entities: { '*': { actions: ['read', 'export'], scope: 'all' } } },
  },
];

export interface DemoUser {
  username: string;
  displayName: string;
  role: string;
  department: string;
}

/** The demo users and their roles (printed at start-up and listed in the README). */
export const DEMO_USERS = [
  { username: 'admin', role: 'admin' },
  { username: 'zhang.wei', role: 'sales_manager' },
  { username: 'li.na', role: 'sales_rep' },
  { username: 'emily.carter', role: 'sales_rep' },
  { username: 'wang.fang', role: 'service_agent' },
  { username: 'auditor', role: 'auditor' },
] as const;

/** A head office with two branches and a service site, and one user per role. */
export async function seedDemoOrganisation(organisation: OrganisationService): Promise<DemoUser[]> {
  const audit = { actorId: null, requestId: 'seed-demo-organisation' };
  for (const role of ROLES) await organisation.saveRole(role, audit);
  const head = await organisation.createDepartment({ name: '总部 Head office' }, audit);
  const east = await organisation.createDepartment({ name: '华东分公司 East China branch', parentId: head.id }, audit);
  const south = await organisation.createDepartment({ name: '华南分公司 South China branch', parentId: head.id }, audit);
  const site = await organisation.createDepartment({ name: '上海服务网点 Shanghai service site', parentId: east.id }, audit);
  const users: (DemoUser & { departmentId: string; manager?: string })[] = [
    { username: 'admin', displayName: '系统管理员 Admin', role: 'admin', department: head.name, departmentId: head.id },
    { username: 'zhang.wei', displayName: '张伟 Zhang Wei', role: 'sales_manager', department: east.name, departmentId: east.id },
    { username: 'li.na', displayName: '李娜 Li Na', role: 'sales_rep', department: east.name, departmentId: east.id, manager: 'zhang.wei' },
    { username: 'emily.carter', displayName: 'Emily Carter', role: 'sales_rep', department: south.name, departmentId: south.id },
    { username: 'wang.fang', displayName: '王芳 Wang Fang', role: 'service_agent', department: site.name, departmentId: site.id },
    { username: 'auditor', displayName: '审计 Auditor', role: 'auditor', department: head.name, departmentId: head.id },
  ];
  const ids = new Map<string, string>();
  for (const user of users) {
    const created = (await organisation.createUser(
      {
        username: user.username,
        displayName: user.displayName,
        password: DEMO_PASSWORD,
        departmentId: user.departmentId,
        managerId: user.manager ? ids.get(user.manager) ?? null : null,
        roles: [user.role],
      },
      audit,
    )) as { id: string };
    ids.set(user.username, created.id);
  }
  // Approvals routed "to the department head" land on these desks.
  await organisation.updateDepartment(head.id, { headId: ids.get('admin')! }, audit);
  await organisation.updateDepartment(east.id, { headId: ids.get('zhang.wei')! }, audit);
  return users.map(({ username, displayName, role, department }) => ({ username, displayName, role, department }));
}

/** Ids of the users who own demo records, in the order records are dealt out to them. */
export async function demoOwners(organisation: OrganisationService): Promise<string[]> {
  const users = (await organisation.listUsers()) as { id: string; username: string }[];
  return ['zhang.wei', 'li.na', 'emily.carter', 'li.na', 'emily.carter'].map((name) => users.find((u) => u.username === name)!.id);
}
