import { CrmError, type FieldError } from '../../../errors/crm-error.js';

/** A run-time refusal: the expression met a value it cannot use (a damaged date, 2.5 days, …). */
export function valueError(op: string, value: unknown): CrmError {
  const shown = typeof value === 'string' ? value : safeJson(value);
  return new CrmError('CRM_ERR_EXPRESSION_VALUE', { params: { op, value: shown.slice(0, 80) } });
}

export function divisionByZero(op: string): CrmError {
  return new CrmError('CRM_ERR_DIVISION_BY_ZERO', { params: { op } });
}

export function limitError(limit: number, kind: 'steps' | 'text_length'): CrmError {
  return new CrmError('CRM_ERR_EXPRESSION_LIMIT', { params: { limit }, details: { kind, limit } });
}

/** The expression itself is unsafe or malformed (found at run time when it was never checked). */
export function invalidExpression(fields: FieldError[]): CrmError {
  return new CrmError('CRM_ERR_INVALID_EXPRESSION', { fields });
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
