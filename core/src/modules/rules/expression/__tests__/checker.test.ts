import { describe, expect, it } from 'vitest';
import { CrmError } from '../../../../errors/crm-error.js';
import { T, checkExpression } from '../index.js';
import { problems, scopeFor } from './fixtures.js';

const base = '/x-crm-rules/2/condition';

describe('checkExpression: types and paths', () => {
  it('gives the result type and what the expression reads', () => {
    const check = checkExpression(
      { and: [{ '>': [{ var: 'amount' }, { var: 'customer.credit_limit' }] }, { '==': [{ var: 'customer.company.region' }, 'east'] }, { in: ['admin', { var: '$user.roles' }] }] },
      scopeFor(),
    );
    expect(check.typeName).toBe('boolean');
    expect(check.fields).toEqual(['amount', 'customer']);
    expect(check.roots).toEqual(['$user']);
    expect(check.lookups).toEqual([
      { path: 'customer', entity: 'customer', fields: ['company', 'credit_limit'] },
      { path: 'customer.company', entity: 'company', fields: ['region'] },
    ]);
  });

  it('types fields from x-crm-type', () => {
    const typeOf = (path: string) => checkExpression({ var: path }, scopeFor()).typeName;
    expect(typeOf('order_no')).toBe('text');
    expect(typeOf('reason')).toBe('text');
    expect(typeOf('quantity')).toBe('number');
    expect(typeOf('amount')).toBe('decimal');
    expect(typeOf('approved')).toBe('boolean');
    expect(typeOf('order_date')).toBe('date');
    expect(typeOf('signed_at')).toBe('datetime');
    expect(typeOf('tags')).toBe('list<text>');
    expect(typeOf('customer')).toBe('reference<customer>');
    expect(typeOf('contacts')).toBe('list<reference<customer>>');
    expect(typeOf('lines')).toBe('list<object>');
    expect(typeOf('extra')).toBe('any');
    expect(typeOf('extra.deep.path')).toBe('any');
    expect(typeOf('created_at')).toBe('datetime');
    expect(typeOf('customer.credit_rating')).toBe('text');
  });

  it('refuses a date compared with a number at the offending argument', () => {
    expect(problems({ and: [true, { '>': [{ var: 'order_date' }, 5] }] }, { path: base })).toEqual([[`${base}/and/1/>/1`, 'compare']]);
  });

  it('refuses text in arithmetic, at the argument', () => {
    expect(problems({ '+': [{ var: 'amount' }, { var: 'order_no' }] }, { path: base })).toEqual([[`${base}/+/1`, 'type']]);
    expect(problems({ '*': [2, 'three'] })).toEqual([['/*/1', 'type']]);
  });

  it('refuses unknown fields, through references too, at the var node', () => {
    expect(problems({ or: [{ var: 'approved' }, { var: 'discount' }] }, { path: base })).toEqual([[`${base}/or/1`, 'unknown_field']]);
    expect(problems({ var: 'customer.rating' })).toEqual([['', 'unknown_field']]);
    expect(problems({ map: [{ var: 'lines' }, { var: 'quantity' }] })).toEqual([['/map/1', 'unknown_field']]);
    expect(problems({ var: '$submitter.id' })).toEqual([['', 'unknown_root']]);
    expect(problems({ var: 'lines.qty' })).toEqual([['', 'through_list']]);
    expect(problems({ var: 'amount.value' })).toEqual([['', 'not_object']]);
  });

  it('refuses unknown functions and wrong arity', () => {
    expect(problems({ and: [{ regex: ['a', 'b'] }] }, { path: base })).toEqual([[`${base}/and/0`, 'unknown_function']]);
    expect(problems({ '/': [1] })).toEqual([['', 'arity']]);
    expect(problems({ if: [{ substr: ['abc'] }, 1, 2] })).toEqual([['/if/0', 'arity']]);
    expect(problems({ today: [1] })).toEqual([['', 'arity']]);
  });

  it('refuses branches of different types and a wrong result type', () => {
    expect(problems({ var: ['quantity', 'none'] })).toEqual([['/var/1', 'mix']]);
    expect(checkExpression({ var: ['quantity', 1.5] }, scopeFor()).typeName).toBe('decimal');
    expect(problems({ if: [{ var: 'approved' }, 1, 'one'] })).toEqual([['/if/2', 'mix']]);
    expect(problems({ '+': [1, 2] }, { path: base, expect: T.boolean })).toEqual([[base, 'result']]);
    expect(problems({ '/': [{ var: 'amount' }, 2] }, { expect: T.number })).toEqual([['', 'result']]);
    expect(problems({ '/': [{ var: 'amount' }, 2] }, { expect: T.decimal })).toEqual([]);
    expect(problems({ round: [{ '/': [{ var: 'amount' }, 2] }] }, { expect: T.number })).toEqual([]);
  });

  it('reports every problem of an expression at once', () => {
    expect(problems({ and: [{ var: 'nope' }, { '>': [{ var: 'order_date' }, 1] }, { upper: 3 }] })).toEqual([
      ['/and/0', 'unknown_field'],
      ['/and/1/>/1', 'compare'],
      ['/and/2/upper', 'type'],
    ]);
  });

  it('checks date literals where a date is compared', () => {
    expect(problems({ '>': [{ var: 'order_date' }, '2024-02-30'] })).toEqual([['/>/1', 'not_a_date']]);
    expect(problems({ '>': [{ var: 'order_date' }, '2024-02-29'] })).toEqual([]);
    expect(problems({ '>': [{ var: 'order_date' }, { var: 'signed_at' }] })).toEqual([['/>/1', 'compare']]);
  });

  it('escapes JSON Pointer tokens', () => {
    expect(problems({ '/': [1, 'a'] }, { path: '/rules/a~b' })).toEqual([['/rules/a~b/~1/1', 'type']]);
  });

  it('speaks the admin language', () => {
    const message = (locale: 'en' | 'zh-CN' | 'es') => {
      try {
        checkExpression({ var: 'discount' }, scopeFor(), { locale });
      } catch (error) {
        return (error as CrmError).fields[0]!.message;
      }
    };
    expect(message('en')).toBe('order has no field "discount"');
    expect(message('zh-CN')).toBe('order没有字段"discount"');
    expect(message('es')).toBe('order no tiene el campo "discount"');
  });

  it('throws CRM_ERR_INVALID_EXPRESSION, a 400', () => {
    try {
      checkExpression({ var: 'discount' }, scopeFor());
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CrmError);
      expect((error as CrmError).code).toBe('CRM_ERR_INVALID_EXPRESSION');
      expect((error as CrmError).statusCode).toBe(400);
    }
  });
});

describe('checkExpression: roots and lookups', () => {
  it('knows $before, $user, $now, $today and $record', () => {
    const check = checkExpression(
      { and: [{ '!=': [{ var: '$before.amount' }, { var: 'amount' }] }, { '<': [{ var: '$now' }, { var: 'signed_at' }] }, { '==': [{ var: '$today' }, { var: '$record.order_date' }] }, { '==': [{ var: '$user.department_id' }, 'd1'] }] },
      scopeFor(),
    );
    expect(check.roots).toEqual(['$before', '$now', '$record', '$today', '$user']);
    expect(check.fields).toEqual(['amount', 'order_date', 'signed_at']);
  });

  it('takes extra roots declared by the caller', () => {
    const scope = scopeFor('order', { roots: { $submitter: T.object({ id: T.text, level: T.number }), $step: T.object({ name: T.text }) } });
    expect(checkExpression({ '>': [{ var: '$submitter.level' }, 2] }, scope).roots).toEqual(['$submitter']);
    expect(problems({ var: '$submitter.name' }, {}, scope)).toEqual([['', 'unknown_field']]);
    expect(() => scopeFor('order', { roots: { submitter: T.text } })).toThrow(/must be named/);
    expect(() => scopeFor('order', { roots: { $user: T.text } })).toThrow(/built in/);
  });

  it('collects lookups inside iterations over lines and references', () => {
    const check = checkExpression(
      { and: [{ some: [{ var: 'lines' }, { '>': [{ var: 'product.unit_price' }, { var: 'price' }] }] }, { all: [{ var: 'contacts' }, { '==': [{ var: 'credit_rating' }, 'A'] }] }] },
      scopeFor(),
    );
    expect(check.lookups).toEqual([
      { path: 'contacts', entity: 'customer', fields: ['credit_rating'] },
      { path: 'lines.product', entity: 'product', fields: ['unit_price'] },
    ]);
    const reduced = checkExpression({ reduce: [{ var: 'lines' }, { '+': [{ var: 'accumulator' }, { var: 'current.product.unit_price' }] }, 0] }, scopeFor());
    expect(reduced.lookups).toEqual([{ path: 'lines.product', entity: 'product', fields: ['unit_price'] }]);
  });

  it('refuses lookups through $before and chains longer than four references', () => {
    expect(problems({ var: '$before.customer.name' })).toEqual([['', 'lookup_before']]);
    const chain = { customer: buildChainScope() };
    expect(problems({ var: 'parent.parent.parent.parent.name' }, {}, chain.customer)).toEqual([]);
    expect(problems({ var: 'parent.parent.parent.parent.parent.name' }, {}, chain.customer)).toEqual([['', 'lookup_depth']]);
  });
});

import { buildExpressionScope } from '../index.js';
import { models } from './fixtures.js';
import { buildEntityModel } from '../../../metadata/entity-model.js';
import type { EntityDefinitionDocument } from '@crm/schemas';

function buildChainScope() {
  const label = { en: 'x', 'zh-CN': 'x', es: 'x' };
  const node = buildEntityModel(
    {
      'x-crm-entity': 'node',
      properties: {
        name: { type: 'string', 'x-crm-type': 'text', 'x-crm-label': label },
        parent: { type: 'string', 'x-crm-type': 'reference', 'x-crm-ref': 'node', 'x-crm-label': label },
      },
    } as unknown as EntityDefinitionDocument,
    1,
    'core',
  );
  return buildExpressionScope(node, (name) => (name === 'node' ? node : models[name]));
}
