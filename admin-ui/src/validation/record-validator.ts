import type { EntityDefinitionDocument, FieldSchema } from '@crm/schemas';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { withoutRemovedFields } from '../metadata/definition';
import { localizeAjvErrors } from './ajv-localize';
import { cleanValues } from './clean-values';

/** A problem with one value: a JSON Pointer into the record (`/lines/0/quantity`) and a message. */
export interface ValueProblem {
  path: string;
  keyword: string;
  message: string;
}

/** Messages the UI words itself (ajv's own are too technical for these). */
export type ValidationMessageKey = 'required' | 'decimal' | 'phone' | 'email' | 'url' | 'date' | 'datetime' | 'reference' | 'json';
export type Translate = (key: ValidationMessageKey) => string;

// `strict: false`: definitions carry `x-crm-*` annotations that are not JSON Schema keywords.
// `verbose`: errors carry the failing schema, so a pattern error on a decimal can say "a number".
// `logger: false`: a refused compile (see validatorFor) is handled here, not logged by ajv.
const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true, logger: false });
addFormats(ajv);

const compiled = new WeakMap<EntityDefinitionDocument, ValidateFunction>();

/**
 * The compiled check of a definition, or undefined when the page may not compile code (ajv
 * generates functions; a Content-Security-Policy without 'unsafe-eval' forbids that). The
 * server validates every write anyway, so the form then relies on the server's errors alone.
 */
function validatorFor(definition: EntityDefinitionDocument): ValidateFunction | undefined {
  let validate = compiled.get(definition);
  if (!validate) {
    try {
      validate = ajv.compile(withoutRemovedFields(definition) as object);
    } catch (error) {
      if (error instanceof EvalError) {
        console.warn('Client-side validation is off: the page forbids compiling validators (CSP).');
        return undefined;
      }
      throw error;
    }
    compiled.set(definition, validate);
  }
  return validate;
}

function errorPath(error: ErrorObject): string {
  const missing = error.keyword === 'required' ? (error.params as { missingProperty?: string }).missingProperty : undefined;
  return missing ? `${error.instancePath}/${missing}` : error.instancePath;
}

function friendlyKey(error: ErrorObject): ValidationMessageKey | undefined {
  if (error.keyword === 'required') return 'required';
  const schema = error.parentSchema as Partial<FieldSchema> | undefined;
  const type = schema?.['x-crm-type'];
  if (error.keyword === 'pattern' && (type === 'decimal' || type === 'phone')) return type;
  if (error.keyword === 'format') {
    const byFormat: Record<string, ValidationMessageKey> = { email: 'email', uri: 'url', date: 'date', 'date-time': 'datetime', uuid: 'reference' };
    return byFormat[(error.params as { format?: string }).format ?? ''];
  }
  if (error.keyword === 'type' && type === 'json') return 'json';
  return undefined;
}

/**
 * Validates the form's values with the same JSON Schema the server uses (removed fields
 * stripped). Returns the problems with localized messages; empty when the record is valid.
 */
export function validateRecord(
  definition: EntityDefinitionDocument,
  values: Record<string, unknown>,
  locale: string,
  translate: Translate,
): ValueProblem[] {
  const validate = validatorFor(definition);
  if (!validate || validate(cleanValues(values))) return [];
  const errors = (validate.errors ?? []).filter((error) => error.keyword !== 'if' && error.keyword !== 'anyOf');
  localizeAjvErrors(errors, locale);
  const problems = errors.map((error) => {
    const key = friendlyKey(error);
    return { path: errorPath(error), keyword: error.keyword, message: key ? translate(key) : (error.message ?? error.keyword) };
  });
  // One message per path and keyword is enough.
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const id = `${problem.path}|${problem.keyword}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
