import { defineStore } from 'pinia';
import { ref } from 'vue';
import { isApiError } from '../api/api-error';
import { authApi, type SessionUser } from '../api/auth-api';
import { LOCALE_STORAGE_KEY, initialLocale } from '../i18n';
import type { UiLocale } from '../metadata/localized';

/**
 * Who is using the UI and in which language. The session itself is the server's httpOnly
 * cookie; this store only knows the signed-in user (when the server has sign-in at all).
 */
export const useSessionStore = defineStore('session', () => {
  const locale = ref<UiLocale>(initialLocale());
  const user = ref<SessionUser | null>(null);

  function setLocale(next: UiLocale): void {
    locale.value = next;
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, next);
    if (globalThis.document) document.documentElement.lang = next;
  }

  /** Asks the server who we are; no session (401) or a server without sign-in (404) leaves `user` empty. */
  async function loadUser(): Promise<void> {
    try {
      user.value = await authApi.me();
    } catch (caught) {
      if (!isApiError(caught)) throw caught;
      user.value = null;
    }
  }

  async function signIn(username: string, password: string): Promise<void> {
    user.value = await authApi.signIn(username, password);
  }

  async function signOut(): Promise<void> {
    try {
      await authApi.signOut();
    } finally {
      user.value = null;
    }
  }

  return { locale, user, setLocale, loadUser, signIn, signOut };
});
