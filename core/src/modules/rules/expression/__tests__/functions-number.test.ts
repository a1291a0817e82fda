import { describe, expect, it } from 'vitest';
import { evaluateExpression, toFieldValue } from '../index.js';
import { errorCode, run, scopeFor } from './fixtures.js';

describe('numbers are exact decimals', () => {
  it('adds 0.1 and 0.2 to exactly 0.3', () => {
    expect(run({ '+': [0.1, 0.2] })).toBe('0.3');
    expect(run({ '==': [{ '+': [0.1, 0.2] }, 0.3] })).toBe(true);
  });

  it('computes money from decimal fields stored as strings without float drift', () => {
    const record = { amount: '1234.50', discount_pct: '12.5' };
    const net = { '*': [{ var: 'amount' }, { '-': [1, { '/': [{ var: 'discount_pct' }, 100] }] }] };
    expect(run(net, record)).toBe('1080.1875');
    expect(toFieldValue(evaluateExpression(net, { scope: scopeFor(), record }), { type: 'decimal', scale: 2 })).toBe('1080.19');
    expect(run({ '*': [{ var: 'amount' }, 3] }, { amount: '19.99' })).toBe('59.97');
  });

  it('does + - * / % with the usual arities', () => {
    expect(run({ '+': [1, 2, 3, 4] })).toBe('10');
    expect(run({ '-': [10, 4] })).toBe('6');
    expect(run({ '-': [5] })).toBe('-5');
    expect(run({ '*': [2, 3, 4] })).toBe('24');
    expect(run({ '/': [1, 3] })).toMatch(/^0\.3{40,}$/);
    expect(run({ '%': [17, 5] })).toBe('2');
    expect(run({ '%': [-7.5, 2] })).toBe('-1.5');
  });

  it('rounds half away from zero to a scale, and floors and ceils', () => {
    expect(run({ round: [2.345, 2] })).toBe('2.35');
    expect(run({ round: [-2.5] })).toBe('-3');
    expect(run({ round: [2.5] })).toBe('3');
    expect(run({ round: [{ var: 'amount' }, 1] }, { amount: '10.04' })).toBe('10');
    expect(run({ floor: [-1.5] })).toBe('-2');
    expect(run({ ceil: [1.01] })).toBe('2');
    expect(run({ floor: [1.239, 2] })).toBe('1.23');
    expect(run({ ceil: [1.231, 2] })).toBe('1.24');
  });

  it('takes abs, min and max of numbers', () => {
    expect(run({ abs: [-3.25] })).toBe('3.25');
    expect(run({ min: [3, 1.5, 2] })).toBe('1.5');
    expect(run({ max: [3, { var: 'amount' }] }, { amount: '10.5' })).toBe('10.5');
    expect(run({ max: [3, { var: 'amount' }] }, {})).toBe('3');
  });

  it('gives null for arithmetic on an empty field, which coalesce turns into a default', () => {
    expect(run({ '+': [{ var: 'amount' }, 1] }, {})).toBe(null);
    expect(run({ '+': [{ coalesce: [{ var: 'amount' }, 0] }, 1] }, {})).toBe('1');
  });

  it('refuses division by zero with a typed error', () => {
    const scope = scopeFor();
    expect(errorCode(() => evaluateExpression({ '/': [1, { var: 'quantity' }] }, { scope, record: { quantity: 0 } }))).toBe('CRM_ERR_DIVISION_BY_ZERO');
    expect(errorCode(() => evaluateExpression({ '%': [1, 0] }, { scope, record: {} }))).toBe('CRM_ERR_DIVISION_BY_ZERO');
  });

  it('refuses a stored decimal that is not a number instead of guessing', () => {
    const scope = scopeFor();
    expect(errorCode(() => evaluateExpression({ '+': [{ var: 'amount' }, 1] }, { scope, record: { amount: 'lots' } }))).toBe('CRM_ERR_EXPRESSION_VALUE');
  });
});

describe('toFieldValue', () => {
  const scope = scopeFor();
  const value = (expression: unknown) => evaluateExpression(expression, { scope, record: {} });

  it('writes decimals in the field scale and integers as numbers', () => {
    expect(toFieldValue(value({ '/': [10, 4] }), { type: 'decimal', scale: 2 })).toBe('2.50');
    expect(toFieldValue(value({ '/': [2, 3] }), { type: 'decimal', scale: 4 })).toBe('0.6667');
    expect(toFieldValue(value({ '+': [40, 2] }), { type: 'integer' })).toBe(42);
    expect(toFieldValue(value({ '+': [1, 1] }), { type: 'text' })).toBe('2');
  });

  it('refuses a fraction for an integer field', () => {
    expect(errorCode(() => toFieldValue(value({ '/': [5, 2] }), { type: 'integer' }))).toBe('CRM_ERR_EXPRESSION_VALUE');
  });

  it('writes dates and datetimes in ISO form', () => {
    expect(toFieldValue(value({ add_days: ['2024-01-31', 1] }), { type: 'date' })).toBe('2024-02-01');
    expect(toFieldValue(value({ now: [] }), { type: 'datetime' })).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(toFieldValue(null, { type: 'decimal' })).toBe(null);
  });
});
