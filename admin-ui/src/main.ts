import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';
import { createPinia } from 'pinia';
import { createApp, watch } from 'vue';
import App from './App.vue';
import { configureHttp } from './api/http';
import { createAppI18n } from './i18n';
import { switchLocale } from './i18n/switch-locale';
import { SIGN_IN_PATH, createAppRouter } from './router';
import { useSessionStore } from './stores/session.store';
import './styles.css';

const app = createApp(App);
const pinia = createPinia();
const session = useSessionStore(pinia);
const i18n = createAppI18n();
const router = createAppRouter();

// The first screen waits for its language's texts; later switches load them on demand.
await switchLocale(i18n, session.locale);
watch(
  () => session.locale,
  (locale) => void switchLocale(i18n, locale),
);

// Every API call carries the UI language; any 401 sends the user to sign in, then back.
configureHttp({
  locale: () => session.locale,
  onUnauthorized: () => {
    session.user = null;
    // Wait for the first navigation, so the page to come back to is the one asked for.
    void router.isReady().then(() => {
      const current = router.currentRoute.value;
      if (current.path !== SIGN_IN_PATH) void router.replace({ path: SIGN_IN_PATH, query: { redirect: current.fullPath } });
    });
  },
});
void session.loadUser();

app.use(pinia).use(i18n).use(router);
app.mount('#app');
