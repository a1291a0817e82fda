import type { RouteRecordRaw } from 'vue-router';

/** Roles and permissions; departments and users. */
export const orgRoutes: RouteRecordRaw[] = [
  { path: '/admin/roles', name: 'roles', component: () => import('../views/RolesView.vue') },
  { path: '/admin/organisation', name: 'organisation', component: () => import('../views/OrganisationView.vue') },
];
