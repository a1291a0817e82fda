import type { RouteRecordRaw } from 'vue-router';

export const SIGN_IN_PATH = '/sign-in';

/** The start page, sign-in and the global search's full results. */
export const shellRoutes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('../views/HomeView.vue') },
  { path: SIGN_IN_PATH, name: 'sign-in', component: () => import('../views/SignInView.vue') },
  { path: '/search', name: 'search', component: () => import('../views/SearchView.vue') },
];
