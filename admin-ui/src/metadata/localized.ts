import type { LocalizedText } from '@crm/schemas';

export const UI_LOCALES = ['zh-CN', 'en', 'es'] as const;
export type UiLocale = (typeof UI_LOCALES)[number];

export function isUiLocale(value: unknown): value is UiLocale {
  return typeof value === 'string' && (UI_LOCALES as readonly string[]).includes(value);
}

/** The text in `locale`, falling back to English, then to any language present. */
export function localized(text: Partial<LocalizedText> | undefined, locale: string, fallback = ''): string {
  if (!text) return fallback;
  return text[locale as UiLocale] || text.en || Object.values(text).find(Boolean) || fallback;
}
