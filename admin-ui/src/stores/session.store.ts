import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { isApiError } from '../api/api-error';
import { authApi, type SessionUser } from '../api/auth-api';
import { LOCALE_STORAGE_KEY, initialLocale } from '../i18n';
import { isUiLocale, localized, type UiLocale } from '../metadata/localized';

/**
 * Who is using the UI and in which language. The session itself is the server's httpOnly
 * cookie; this store knows the signed-in user. The language is remembered per user on the
 * server (so it follows them to another browser) and in this browser for the sign-in page.
 */
export const useSessionStore = defineStore('session', () => {
  const locale = ref<UiLocale>(initialLocale());
  const user = ref<SessionUser | null>(null);

  const roleNames = computed(() => (user.value?.roles ?? []).map((name) => localized(user.value?.roleLabels?.[name], locale.value, name)));

  function applyLocale(next: UiLocale): void {
    locale.value = next;
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, next);
    if (globalThis.document) document.documentElement.lang = next;
  }

  /** Switches the language; for a signed-in user the choice is saved on the server too. */
  async function setLocale(next: UiLocale): Promise<void> {
    applyLocale(next);
    if (user.value && user.value.locale !== next) {
      user.value = { ...user.value, ...(await authApi.updateMe({ locale: next })) };
    }
  }

  /** A user who chose a language before gets it back, whichever browser they sign in from. */
  function adopt(signedIn: SessionUser | null): void {
    user.value = signedIn;
    if (signedIn && isUiLocale(signedIn.locale) && signedIn.locale !== locale.value) applyLocale(signedIn.locale);
  }

  /** Asks the server who we are; no session (401) or a server without sign-in (404) leaves `user` empty. */
  async function loadUser(): Promise<void> {
    try {
      adopt(await authApi.me());
    } catch (caught) {
      if (!isApiError(caught)) throw caught;
      user.value = null;
    }
  }

  async function signIn(username: string, password: string): Promise<void> {
    adopt(await authApi.signIn(username, password));
  }

  async function signOut(): Promise<void> {
    try {
      await authApi.signOut();
    } finally {
      user.value = null;
    }
  }

  return { locale, user, roleNames, setLocale, loadUser, signIn, signOut };
});
