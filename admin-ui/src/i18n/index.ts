import { createI18n } from 'vue-i18n';
import { isUiLocale, type UiLocale } from '../metadata/localized';
import en, { type MessageSchema } from './messages/en';

export const LOCALE_STORAGE_KEY = 'crm.locale';

/** English is always there (the fallback); the other languages load when they are first chosen. */
const loaders: Record<UiLocale, () => Promise<MessageSchema>> = {
  en: async () => en,
  'zh-CN': async () => (await import('./messages/zh-CN')).default,
  es: async () => (await import('./messages/es')).default,
};

export function loadMessages(locale: UiLocale): Promise<MessageSchema> {
  return loaders[locale]();
}

/** The language a new visit starts in: the one chosen before, else the browser's, else English. */
export function initialLocale(): UiLocale {
  const stored = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
  if (isUiLocale(stored)) return stored;
  const browser = globalThis.navigator?.language ?? '';
  if (browser.toLowerCase().startsWith('zh')) return 'zh-CN';
  if (browser.toLowerCase().startsWith('es')) return 'es';
  return 'en';
}

export function createAppI18n(locale: UiLocale = 'en', loaded: Partial<Record<UiLocale, MessageSchema>> = {}) {
  return createI18n<[MessageSchema], UiLocale, false>({
    legacy: false,
    locale: locale in loaded || locale === 'en' ? locale : 'en',
    fallbackLocale: 'en',
    messages: { en, ...loaded } as Record<UiLocale, MessageSchema>,
    // A key with no text is a bug: say so loudly (the e2e runs fail on console errors) instead
    // of showing the key to the user.
    missingWarn: false,
    fallbackWarn: false,
    missing: (missingLocale, key) => {
      console.error(`[i18n] no text for "${key}" in ${missingLocale}`);
      return key;
    },
  });
}

export type AppI18n = ReturnType<typeof createAppI18n>;
