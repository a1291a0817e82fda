import type { Kysely } from 'kysely';
import { CrmError, type FieldError } from '../../errors/crm-error.js';
import type { DefinitionRegistry } from '../metadata/definition-registry.js';
import type { EntityModel } from '../metadata/entity-model.js';
import type { AnyFieldSchema } from '../metadata/field-schema.js';
import { loadLookups } from '../rules/expression/load-lookups.js';
import {
  buildExpressionScope, checkExpression, evaluateExpression, fieldExprType, toFieldValue, T,
  type ExpressionCheck, type ExpressionScope, type ExpressionUser, type ExprType,
} from '../rules/expression/index.js';
import type { RecordActor } from '../records/record-types.js';
import type { ActionCheckContext, ActionContext } from './action-types.js';

/** Field values an action writes, each an expression over the record the action is about. */
export type Assignments = Record<string, unknown>;

/**
 * Checks at save time that every assigned field exists on the target entity and that its
 * expression gives a value of the field's type.
 */
export function checkAssignments(values: Assignments, target: EntityModel, context: ActionCheckContext, path: string): void {
  const scope = buildExpressionScope(context.model, context.resolve, { roots: context.roots ?? {} });
  const problems: FieldError[] = [];
  for (const [name, expression] of Object.entries(values)) {
    const field = target.fields.get(name);
    if (!field) {
      problems.push({ path: `${path}/${name}`, keyword: 'unknown_field', message: `"${target.name}" has no field "${name}"` });
      continue;
    }
    try {
      checkExpression(expression, scope, { path: `${path}/${name}`, locale: context.locale, expect: assignableType(field.schema) });
    } catch (error) {
      if (error instanceof CrmError) problems.push(...error.fields);
      else throw error;
    }
  }
  if (problems.length) throw new CrmError('CRM_ERR_INVALID_ACTION', { fields: problems });
}

/** A reference field also takes a record id as text (`{"var": "id"}` links to the record itself). */
function assignableType(schema: AnyFieldSchema): ExprType | undefined {
  const type = fieldExprType(schema);
  if (type.kind === 'reference') return undefined;
  if (type.kind === 'list' && type.of.kind === 'reference') return T.list(T.any);
  return type;
}

const checks = new WeakMap<object, ExpressionCheck>();

/** Evaluates the assignments against the context's record, in the stored form of each target field. */
export async function evaluateAssignments(
  values: Assignments, target: EntityModel, context: ActionContext, registry: DefinitionRegistry, now: Date,
): Promise<Record<string, unknown>> {
  const source = registry.get(context.record.entity);
  const scope = buildExpressionScope(source, registry.find.bind(registry), { roots: context.roots?.types ?? {} });
  const entries = Object.entries(values).filter(([name]) => target.fields.has(name));
  const lookups = entries.flatMap(([, expression]) => checkedOnce(expression, scope).lookups);
  const db = context.em.getKysely() as Kysely<unknown>;
  const loaded = lookups.length ? await loadLookups(db, registry, source, [context.record.values], lookups) : new Map();
  const result: Record<string, unknown> = {};
  for (const [name, expression] of entries) {
    const field = target.fields.get(name)!;
    const value = evaluateExpression(expression, {
      scope,
      record: context.record.values,
      before: context.record.before ?? null,
      user: expressionUser(context.actor),
      now,
      roots: context.roots?.values ?? {},
      lookups: loaded,
    });
    result[name] = toFieldValue(value, { type: field.type, scale: scaleOf(field.schema) });
  }
  return result;
}

function checkedOnce(expression: unknown, scope: ExpressionScope): ExpressionCheck {
  if (expression === null || typeof expression !== 'object') return checkExpression(expression, scope);
  let check = checks.get(expression);
  if (!check) checks.set(expression, (check = checkExpression(expression, scope)));
  return check;
}

function scaleOf(schema: { 'x-crm-scale'?: unknown }): number | undefined {
  return typeof schema['x-crm-scale'] === 'number' ? schema['x-crm-scale'] : undefined;
}

export function expressionUser(actor: RecordActor): ExpressionUser | null {
  if (!actor.userId) return null;
  const access = actor.access;
  return { id: actor.userId, username: access?.username ?? '', roles: access?.roles ?? [], department_id: actor.departmentId };
}

/** The actor an action writes as: attributed to whoever caused it, with the system's rights, one level deeper. */
export function actingFor(actor: RecordActor): RecordActor {
  const { access: _rights, ...attribution } = actor;
  return { ...attribution, depth: (actor.depth ?? 0) + 1 };
}
