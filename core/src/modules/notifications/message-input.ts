import type { FieldError } from '../../errors/crm-error.js';
import { SUPPORTED_LOCALES, type Locale } from '../../i18n/locale.js';
import { isUuid } from '../records/record-filter.js';

const MAX_TEXT = 10_000;

/** Collects problems with a text given per language: every supported language, non-empty. */
export function checkLocalizedText(value: unknown, path: string, fields: FieldError[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fields.push({ path, keyword: 'type', message: `must be an object with ${SUPPORTED_LOCALES.join(', ')}` });
    return;
  }
  for (const locale of SUPPORTED_LOCALES) {
    const text = (value as Record<string, unknown>)[locale];
    if (typeof text !== 'string' || text.trim() === '') fields.push({ path: `${path}/${locale}`, keyword: 'required', message: 'must be a non-empty string' });
    else if (text.length > MAX_TEXT) fields.push({ path: `${path}/${locale}`, keyword: 'maxLength', message: `must have at most ${MAX_TEXT} characters` });
  }
}

export function checkUuid(value: unknown, path: string, fields: FieldError[]): value is string {
  if (typeof value === 'string' && isUuid(value)) return true;
  fields.push({ path, keyword: 'format', message: 'must be a UUID' });
  return false;
}

export function checkPlainObject(value: unknown, path: string, fields: FieldError[]): void {
  if (value === undefined) return;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fields.push({ path, keyword: 'type', message: 'must be an object' });
}

export function asLocale(value: unknown): Locale | undefined {
  return SUPPORTED_LOCALES.find((locale) => locale === value);
}

export const iso = (value: Date | string) => new Date(value).toISOString();
export const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));
