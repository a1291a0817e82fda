import ElementPlus from 'element-plus';
import { createPinia, setActivePinia } from 'pinia';
import { defineComponent } from 'vue';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import { createAppI18n } from '../i18n';

/** Global plugins a component needs when mounted alone in a test. */
export function mountPlugins() {
  const pinia = createPinia();
  setActivePinia(pinia);
  return { global: { plugins: [pinia, createAppI18n('en'), ElementPlus] } };
}

/** The same, with a router that accepts any path (for components that link or navigate). */
export function mountWithRouter(): { options: ReturnType<typeof mountPlugins>; router: Router } {
  const options = mountPlugins();
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:any(.*)*', component: defineComponent({ render: () => null }) }] });
  options.global.plugins.push(router as never);
  return { options, router };
}
