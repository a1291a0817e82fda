import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import localizeModule from 'ajv-i18n';
import type { FieldError } from '../../errors/crm-error.js';
import type { Locale } from '../../i18n/locale.js';
import type { EntityModel } from '../metadata/entity-model.js';

type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;
type Localizer = (errors: ErrorObject[] | null | undefined) => void;
const localizers = ((localizeModule as unknown as { default?: Record<string, Localizer> }).default ??
  localizeModule) as unknown as Record<string, Localizer>;

export function createRecordAjv(): Ajv2020 {
  // strict: false because definitions carry x-crm-* annotations; the meta-schema checks their shape.
  const ajv = new Ajv2020({ strict: false, allErrors: true, messages: true });
  addFormats(ajv);
  return ajv;
}

/** Top-level keywords under which each property is validated on its own (so a patch can be checked field by field). */
const FIELDWISE_KEYWORDS = new Set(['$schema', '$comment', 'title', 'description', 'type', 'properties', 'required', 'additionalProperties']);

/** One compiled validator per entity version, compiled on first use and then reused. */
export class RecordValidatorCache {
  private readonly ajv = createRecordAjv();
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly patchValidators = new Map<string, ValidateFunction | null>();

  validatorFor(model: EntityModel): ValidateFunction {
    const key = `${model.name}@${model.version}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(model.recordSchema);
      this.validators.set(key, validate);
    }
    return validate;
  }

  /**
   * A validator for the fields a merge patch sets, judged as in the whole record (the record
   * schema without `required`), or undefined when the schema has top-level keywords that relate
   * fields to each other: then only the merged record can be validated.
   */
  patchValidatorFor(model: EntityModel): ValidateFunction | undefined {
    const key = `${model.name}@${model.version}@patch`;
    if (this.patchValidators.has(key)) return this.patchValidators.get(key) ?? undefined;
    const fieldwise = Object.keys(model.recordSchema).every((keyword) => keyword.startsWith('x-crm-') || FIELDWISE_KEYWORDS.has(keyword));
    const validate = fieldwise ? this.ajv.compile({ ...model.recordSchema, required: [] }) : null;
    this.patchValidators.set(key, validate);
    return validate ?? undefined;
  }

  /** Compiles a schema once to prove it compiles (used before a definition is stored). */
  tryCompile(schema: object): string | undefined {
    try {
      this.ajv.compile(schema);
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  /** Drops validators of versions that are no longer current. */
  forgetOlderThan(entity: string, version: number): void {
    for (const cache of [this.validators, this.patchValidators]) {
      for (const key of cache.keys()) {
        const [name, v] = key.split('@');
        if (name === entity && Number(v) < version) cache.delete(key);
      }
    }
  }
}

/** Maps ajv errors to `{ path, keyword, message }` with messages in the caller's language. */
export function toFieldErrors(errors: ErrorObject[] | null | undefined, locale: Locale, pathPrefix = ''): FieldError[] {
  if (!errors?.length) return [];
  const copies = errors.map((error) => ({ ...error }));
  const localizer = locale === 'zh-CN' ? localizers.zh : locale === 'es' ? localizers.es : undefined;
  localizer?.(copies);
  return copies.map((error) => ({
    path: pathPrefix + errorPath(error),
    keyword: error.keyword,
    message: error.message ?? error.keyword,
  }));
}

function errorPath(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
    return `${error.instancePath}/${params.missingProperty}`;
  }
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return `${error.instancePath}/${params.additionalProperty}`;
  }
  return error.instancePath || '/';
}

/** The error ajv reports for a missing required property (localized like any other). */
export function requiredError(property: string): ErrorObject {
  return { keyword: 'required', instancePath: '', schemaPath: '#/required', params: { missingProperty: property }, message: `must have required property '${property}'` };
}
