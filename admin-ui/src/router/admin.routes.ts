import type { RouteRecordRaw } from 'vue-router';

export const adminRoutes: RouteRecordRaw[] = [
  { path: '/admin/entities/:entity', name: 'entity-designer', component: () => import('../views/EntityDesignerView.vue'), props: true },
];
