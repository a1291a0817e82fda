import type { Language } from 'element-plus/es/locale';
import elementEn from 'element-plus/es/locale/lang/en';
import { shallowRef } from 'vue';
import type { UiLocale } from '../metadata/localized';

/** Element Plus' own texts (pagers, date pickers, dialogs) in the UI's language; App.vue hands it to the config provider. */
export const elementLocale = shallowRef<Language>(elementEn);

const loaders: Record<UiLocale, () => Promise<Language>> = {
  en: async () => elementEn,
  'zh-CN': async () => (await import('element-plus/es/locale/lang/zh-cn')).default,
  es: async () => (await import('element-plus/es/locale/lang/es')).default,
};

export function loadElementLocale(locale: UiLocale): Promise<Language> {
  return loaders[locale]();
}
