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

/** One compiled validator per entity version, compiled on first use and then reused. */
export class RecordValidatorCache {
  private readonly ajv = createRecordAjv();
  private readonly validators = new Map<string, ValidateFunction>();

  validatorFor(model: EntityModel): ValidateFunction {
    const key = `${model.name}@${model.version}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(model.recordSchema);
      this.validators.set(key, validate);
    }
    return validate;
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
    for (const key of this.validators.keys()) {
      const [name, v] = key.split('@');
      if (name === entity && Number(v) < version) this.validators.delete(key);
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
