import type { ValidateFunction } from 'ajv';
import { entityDefinitionMetaSchema, type EntityDefinitionDocument } from '@crm/schemas';
import { CrmError, type FieldError } from '../../errors/crm-error.js';
import type { Locale } from '../../i18n/locale.js';
import { createRecordAjv, toFieldErrors } from '../validation/record-validator.js';
import { fieldsOf } from './field-schema.js';

let metaValidator: ValidateFunction | undefined;

function metaSchemaValidator(): ValidateFunction {
  metaValidator ??= createRecordAjv().compile(entityDefinitionMetaSchema);
  return metaValidator;
}

export interface DefinitionContext {
  /** Entities that exist (or are being created alongside), for reference targets. */
  knownEntities: ReadonlySet<string>;
  locale: Locale;
  /** Proves the record schema compiles; returns the compiler's message when it does not. */
  tryCompile: (schema: object) => string | undefined;
}

/** Refuses a definition that fails the meta-schema or refers to things that do not exist. */
export function assertValidDefinition(document: unknown, context: DefinitionContext): asserts document is EntityDefinitionDocument {
  const validate = metaSchemaValidator();
  if (!validate(document)) {
    throw new CrmError('CRM_ERR_INVALID_DEFINITION', { fields: toFieldErrors(validate.errors, context.locale) });
  }
  const problems = semanticProblems(document as EntityDefinitionDocument, context);
  if (problems.length) throw new CrmError('CRM_ERR_INVALID_DEFINITION', { fields: problems });
}

function semanticProblems(document: EntityDefinitionDocument, context: DefinitionContext): FieldError[] {
  const problems: FieldError[] = [];
  const properties = document.properties ?? {};
  const visible = new Set(Object.keys(properties).filter((name) => properties[name]?.['x-crm-deleted'] !== true));
  const mustBeVisible = (name: string, path: string, keyword: string) => {
    if (!visible.has(name)) problems.push({ path, keyword, message: `"${name}" is not a field of this entity` });
  };
  const entity = document['x-crm-entity'];
  for (const [name, field] of Object.entries(fieldsOf(document))) {
    const ref = field['x-crm-ref'];
    if (ref && ref !== entity && !context.knownEntities.has(ref)) {
      problems.push({ path: `/properties/${name}/x-crm-ref`, keyword: 'x-crm-ref', message: `unknown entity "${ref}"` });
    }
  }
  const titleField = document['x-crm-title-field'];
  if (titleField) mustBeVisible(titleField, '/x-crm-title-field', 'x-crm-title-field');
  (document['x-crm-list-columns'] ?? []).forEach((name, i) => mustBeVisible(name, `/x-crm-list-columns/${i}`, 'x-crm-list-columns'));
  (document.required ?? []).forEach((name, i) => mustBeVisible(name, `/required/${i}`, 'required'));
  const compileError = problems.length ? undefined : context.tryCompile(document);
  if (compileError) problems.push({ path: '/', keyword: 'compile', message: compileError });
  return problems;
}
