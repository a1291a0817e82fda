import type { RouteRecordRaw } from 'vue-router';

/** The entity and field designer, the layout editor. */
export const adminRoutes: RouteRecordRaw[] = [
  { path: '/admin/entities', name: 'entities', component: () => import('../views/EntitiesView.vue') },
  { path: '/admin/entities/:entity', name: 'entity-designer', component: () => import('../views/EntityDesignerView.vue'), props: true },
];
