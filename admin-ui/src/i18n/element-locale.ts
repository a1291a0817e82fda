import elementEn from 'element-plus/es/locale/lang/en';
import elementEs from 'element-plus/es/locale/lang/es';
import elementZhCn from 'element-plus/es/locale/lang/zh-cn';
import type { UiLocale } from '../metadata/localized';

/** Element Plus' own texts (pagers, date pickers, dialogs) in the UI's language. */
export const elementLocales = { 'zh-CN': elementZhCn, en: elementEn, es: elementEs } satisfies Record<UiLocale, unknown>;
