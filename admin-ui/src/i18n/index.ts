import { createI18n } from 'vue-i18n';
import { isUiLocale, type UiLocale } from '../metadata/localized';
import en, { type MessageSchema } from './messages/en';
import es from './messages/es';
import zhCN from './messages/zh-CN';

export const LOCALE_STORAGE_KEY = 'crm.locale';

export const messages: Record<UiLocale, MessageSchema> = { 'zh-CN': zhCN, en, es };

/** The language a new visit starts in: the one chosen before, else the browser's, else English. */
export function initialLocale(): UiLocale {
  const stored = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
  if (isUiLocale(stored)) return stored;
  const browser = globalThis.navigator?.language ?? '';
  if (browser.toLowerCase().startsWith('zh')) return 'zh-CN';
  if (browser.toLowerCase().startsWith('es')) return 'es';
  return 'en';
}

export function createAppI18n(locale: UiLocale = initialLocale()) {
  return createI18n<[MessageSchema], UiLocale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages,
  });
}

export type AppI18n = ReturnType<typeof createAppI18n>;
