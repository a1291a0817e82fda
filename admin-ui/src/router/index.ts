import { createRouter, createWebHistory, type Router } from 'vue-router';
import { adminRoutes } from './admin.routes';
import { recordsRoutes } from './records.routes';

export const SIGN_IN_PATH = '/sign-in';

export function createAppRouter(): Router {
  return createRouter({
    history: createWebHistory(),
    routes: [
      { path: '/', name: 'home', component: () => import('../views/HomeView.vue') },
      { path: SIGN_IN_PATH, name: 'sign-in', component: () => import('../views/SignInView.vue') },
      ...recordsRoutes,
      ...adminRoutes,
      { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('../views/NotFoundView.vue') },
    ],
  });
}
