import type { Locale } from '../i18n/locale.js';
import { errorCatalog, type ErrorCode } from './error-catalog.js';

export interface FieldError {
  /** JSON Pointer to the offending value, e.g. `/lines/0/quantity`. */
  path: string;
  keyword: string;
  message: string;
}

export interface CrmErrorOptions {
  params?: Record<string, string | number>;
  fields?: FieldError[];
  /** Extra machine-readable detail (e.g. a type-change report). */
  details?: Record<string, unknown>;
}

/** The one error type services throw; the API maps it to a response by its code. */
export class CrmError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly params: Record<string, string | number>;
  readonly fields: FieldError[];
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, options: CrmErrorOptions = {}) {
    super(formatMessage(code, 'en', options.params ?? {}));
    this.name = 'CrmError';
    this.code = code;
    this.statusCode = errorCatalog[code].status;
    this.params = options.params ?? {};
    this.fields = options.fields ?? [];
    this.details = options.details;
  }

  localizedMessage(locale: Locale): string {
    return formatMessage(this.code, locale, this.params);
  }
}

export function formatMessage(code: ErrorCode, locale: Locale, params: Record<string, string | number>): string {
  return errorCatalog[code].message[locale].replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

export function isCrmError(error: unknown): error is CrmError {
  return error instanceof CrmError;
}
