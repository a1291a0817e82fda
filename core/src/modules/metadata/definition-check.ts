import type { ValidateFunction } from 'ajv';
import { entityDefinitionMetaSchema, findDefinitionProblems, type EntityDefinitionDocument } from '@crm/schemas';
import { CrmError, type FieldError } from '../../errors/crm-error.js';
import type { Locale } from '../../i18n/locale.js';
import { createRecordAjv, toFieldErrors } from '../validation/record-validator.js';

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
  const problems: FieldError[] = findDefinitionProblems(document, { knownEntities: context.knownEntities }).map((problem) => ({
    path: problem.path,
    keyword: problem.code,
    message: problem.message,
  }));
  const compileError = problems.length ? undefined : context.tryCompile(document);
  if (compileError) problems.push({ path: '/', keyword: 'compile', message: compileError });
  return problems;
}
