import { createRouter, createWebHistory, type Router } from 'vue-router';
import { adminRoutes } from './admin.routes';
import { orgRoutes } from './org.routes';
import { recordsRoutes } from './records.routes';
import { SIGN_IN_PATH, shellRoutes } from './shell.routes';

export { SIGN_IN_PATH };

export function createAppRouter(): Router {
  return createRouter({
    history: createWebHistory(),
    routes: [
      ...shellRoutes,
      ...recordsRoutes,
      ...adminRoutes,
      ...orgRoutes,
      { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('../views/NotFoundView.vue') },
    ],
  });
}
