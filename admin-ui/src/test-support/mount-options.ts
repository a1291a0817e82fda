import ElementPlus from 'element-plus';
import { createPinia, setActivePinia } from 'pinia';
import { createAppI18n } from '../i18n';

/** Global plugins a component needs when mounted alone in a test. */
export function mountPlugins() {
  const pinia = createPinia();
  setActivePinia(pinia);
  return { global: { plugins: [pinia, createAppI18n('en'), ElementPlus] } };
}
