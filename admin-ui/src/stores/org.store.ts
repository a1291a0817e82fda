import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { orgApi, type Department, type OrgUser, type Role, type UserInput } from '../api/org-api';

export interface DepartmentNode extends Department {
  children: DepartmentNode[];
}

/** The organisation: departments (a tree), users and roles, loaded on demand and refreshed after each change. */
export const useOrgStore = defineStore('org', () => {
  const departments = ref<Department[]>([]);
  const users = ref<OrgUser[]>([]);
  const roles = ref<Role[]>([]);

  const tree = computed<DepartmentNode[]>(() => {
    const nodes = new Map(departments.value.map((d) => [d.id, { ...d, children: [] as DepartmentNode[] }]));
    const roots: DepartmentNode[] = [];
    for (const node of nodes.values()) {
      const parent = node.parent_id ? nodes.get(node.parent_id) : undefined;
      (parent ? parent.children : roots).push(node);
    }
    return roots;
  });
  const activeUsers = computed(() => users.value.filter((user) => user.active));

  const departmentName = (id: string | null | undefined) => departments.value.find((d) => d.id === id)?.name;
  const userName = (id: string | null | undefined) => users.value.find((u) => u.id === id)?.display_name;

  async function loadDepartments(): Promise<void> {
    departments.value = await orgApi.departments();
  }
  async function loadUsers(): Promise<void> {
    users.value = await orgApi.users();
  }
  async function loadRoles(): Promise<void> {
    roles.value = await orgApi.roles();
  }
  const loadAll = () => Promise.all([loadDepartments(), loadUsers(), loadRoles()]);

  async function saveDepartment(id: string | undefined, input: { name: string; parentId: string | null }): Promise<Department> {
    const saved = id ? await orgApi.updateDepartment(id, input) : await orgApi.createDepartment(input);
    await loadDepartments();
    return saved;
  }

  async function saveUser(id: string | undefined, input: UserInput): Promise<OrgUser> {
    const saved = id ? await orgApi.updateUser(id, input) : await orgApi.createUser(input);
    await loadUsers();
    return saved;
  }

  async function transfer(id: string, to: string, deactivate: boolean): Promise<Record<string, number>> {
    const { moved } = await orgApi.transfer(id, to, deactivate);
    await loadUsers();
    return moved;
  }

  async function saveRole(role: Role): Promise<void> {
    await orgApi.saveRole(role);
    await loadRoles();
  }

  return {
    departments, users, roles, tree, activeUsers, departmentName, userName,
    loadDepartments, loadUsers, loadRoles, loadAll, saveDepartment, saveUser, transfer, saveRole,
  };
});
