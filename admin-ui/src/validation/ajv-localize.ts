import type { ErrorObject } from 'ajv';
import en from 'ajv-i18n/localize/en';
import es from 'ajv-i18n/localize/es';
import zh from 'ajv-i18n/localize/zh';

const byLocale: Record<string, (errors: ErrorObject[]) => void> = { 'zh-CN': zh, en, es };

/** Rewrites ajv's messages in place in the UI's language (ajv-i18n). */
export function localizeAjvErrors(errors: ErrorObject[], locale: string): void {
  (byLocale[locale] ?? en)(errors);
}
