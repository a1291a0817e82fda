import type { RouteRecordRaw } from 'vue-router';

export const recordsRoutes: RouteRecordRaw[] = [
  { path: '/records/:entity', name: 'record-list', component: () => import('../views/RecordListView.vue'), props: true },
  { path: '/records/:entity/new', name: 'record-new', component: () => import('../views/RecordEditView.vue'), props: true },
  { path: '/records/:entity/:id', name: 'record', component: () => import('../views/RecordDetailView.vue'), props: true },
  { path: '/records/:entity/:id/edit', name: 'record-edit', component: () => import('../views/RecordEditView.vue'), props: true },
];
