import type { FieldSchema } from '@crm/schemas';
import { choiceLabel, referenceTarget } from './definition';

export interface FormatContext {
  locale: string;
  yes: string;
  no: string;
  /** The title of a referenced record (expanded object or bare id). */
  titleOf: (entity: string, value: unknown) => string;
  /** "3 lines". */
  lineCount: (count: number) => string;
}

/** A field's value as one line of text, for list cells and read-only pages. */
export function formatValue(schema: FieldSchema, value: unknown, context: FormatContext): string {
  if (value === undefined || value === null || value === '') return '';
  switch (schema['x-crm-type']) {
    case 'choice':
      return choiceLabel(schema, String(value), context.locale);
    case 'multichoice':
      return Array.isArray(value) ? value.map((item) => choiceLabel(schema, String(item), context.locale)).join(', ') : String(value);
    case 'boolean':
      return value === true ? context.yes : context.no;
    case 'datetime': {
      const date = new Date(String(value));
      return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString(context.locale);
    }
    case 'decimal': {
      const currency = (schema as { 'x-crm-currency'?: string })['x-crm-currency'];
      return currency ? `${String(value)} ${currency}` : String(value);
    }
    case 'reference':
      return context.titleOf(referenceTarget(schema) ?? '', value);
    case 'references':
      return Array.isArray(value) ? value.map((item) => context.titleOf(referenceTarget(schema) ?? '', item)).join(', ') : '';
    case 'attachment':
      return typeof value === 'object' ? String((value as { name?: unknown }).name ?? '') : String(value);
    case 'lines':
      return Array.isArray(value) ? context.lineCount(value.length) : '';
    case 'json':
      return JSON.stringify(value);
    default:
      return String(value);
  }
}
