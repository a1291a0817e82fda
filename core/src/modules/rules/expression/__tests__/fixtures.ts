import type { EntityDefinitionDocument } from '@crm/schemas';
import { buildEntityModel, type EntityModel } from '../../../metadata/entity-model.js';
import { completeFieldSchema } from '../../../metadata/field-types.js';
import type { AnyFieldSchema } from '../../../metadata/field-schema.js';
import { buildExpressionScope, type ExpressionScope, type ScopeOptions } from '../index.js';

const label = (en: string) => ({ en, 'zh-CN': en, es: en });

function field(type: string, extra: Record<string, unknown> = {}): AnyFieldSchema {
  return completeFieldSchema({ 'x-crm-type': type, 'x-crm-label': label(type), ...extra } as AnyFieldSchema);
}

function entity(name: string, properties: Record<string, AnyFieldSchema>): EntityModel {
  const document = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    'x-crm-entity': name,
    'x-crm-owner': 'core',
    'x-crm-label': label(name),
    'x-crm-label-plural': label(name),
    properties,
  } as unknown as EntityDefinitionDocument;
  return buildEntityModel(document, 1, 'core');
}

export const models: Record<string, EntityModel> = {
  company: entity('company', { name: field('text'), region: field('choice', { 'x-crm-choices': { east: label('East'), south: label('South') } }) }),
  customer: entity('customer', {
    name: field('text'),
    credit_rating: field('choice', { 'x-crm-choices': { A: label('A'), B: label('B'), C: label('C') } }),
    credit_limit: field('decimal'),
    company: field('reference', { 'x-crm-ref': 'company' }),
  }),
  product: entity('product', { name: field('text'), unit_price: field('decimal') }),
  order: entity('order', {
    order_no: field('text'),
    customer: field('reference', { 'x-crm-ref': 'customer' }),
    contacts: field('references', { 'x-crm-ref': 'customer' }),
    amount: field('decimal'),
    discount_pct: field('decimal'),
    quantity: field('integer'),
    reason: field('longtext'),
    approved: field('boolean'),
    order_date: field('date'),
    delivery_date: field('date'),
    signed_at: field('datetime'),
    tags: field('multichoice', { 'x-crm-choices': { rush: label('Rush'), vip: label('VIP') } }),
    extra: field('json'),
    lines: field('lines', {
      items: {
        type: 'object',
        properties: { product: field('reference', { 'x-crm-ref': 'product' }), qty: field('integer'), price: field('decimal'), note: field('text') },
      },
    }),
  }),
};

export function scopeFor(entityName = 'order', options?: ScopeOptions): ExpressionScope {
  return buildExpressionScope(models[entityName]!, (name) => models[name], options);
}

import { CrmError } from '../../../../errors/crm-error.js';
import { checkExpression, evaluateExpression, toJsonValue, type EvaluationContext } from '../index.js';

/** Checks the expression (it must pass), evaluates it and gives the result as plain JSON. */
export function run(expression: unknown, record: Record<string, unknown> = {}, context: Partial<EvaluationContext> = {}): unknown {
  const scope = context.scope ?? scopeFor();
  checkExpression(expression, scope);
  return toJsonValue(evaluateExpression(expression, { scope, record, now: new Date('2024-03-15T10:00:00Z'), ...context }));
}

/** The problems the checker reports, as [path, keyword] pairs. */
export function problems(expression: unknown, options: Parameters<typeof checkExpression>[2] = {}, scope = scopeFor()): [string, string][] {
  try {
    checkExpression(expression, scope, options);
  } catch (error) {
    if (error instanceof CrmError && error.code === 'CRM_ERR_INVALID_EXPRESSION') return error.fields.map((f) => [f.path, f.keyword]);
    throw error;
  }
  return [];
}

/** The code of the CrmError a call throws. */
export function errorCode(call: () => unknown): string | undefined {
  try {
    call();
  } catch (error) {
    if (error instanceof CrmError) return error.code;
    throw error;
  }
  return undefined;
}
