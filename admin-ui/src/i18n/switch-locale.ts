import type { UiLocale } from '../metadata/localized';
import { elementLocale, loadElementLocale } from './element-locale';
import { loadMessages, type AppI18n } from './index';

let latest = 0;

/** Loads a language's texts (ours and Element Plus') if needed, then shows the UI in it; the last request wins. */
export async function switchLocale(i18n: AppI18n, locale: UiLocale): Promise<void> {
  const mine = ++latest;
  const [messages, element] = await Promise.all([loadMessages(locale), loadElementLocale(locale)]);
  if (mine !== latest) return;
  i18n.global.setLocaleMessage(locale, messages);
  elementLocale.value = element;
  i18n.global.locale.value = locale;
  if (globalThis.document) document.documentElement.lang = locale;
}
