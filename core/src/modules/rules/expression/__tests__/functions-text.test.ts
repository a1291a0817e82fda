import { describe, expect, it } from 'vitest';
import { errorCode, run, scopeFor } from './fixtures.js';
import { evaluateExpression, MAX_TEXT_LENGTH } from '../index.js';

describe('text functions', () => {
  const record = { order_no: '  SO-2024-001 ', reason: '电压等级调整', amount: '1234.50', order_date: '2024-03-01' };

  it('cat joins text, exact decimals and ISO dates; empty fields add nothing', () => {
    expect(run({ cat: ['No. ', { trim: { var: 'order_no' } }, ' / ', { var: 'amount' }, ' / ', { var: 'order_date' }] }, record)).toBe(
      'No. SO-2024-001 / 1234.5 / 2024-03-01',
    );
    expect(run({ cat: [{ to_fixed: [{ var: 'amount' }, 2] }, ' CNY'] }, record)).toBe('1234.50 CNY');
    expect(run({ to_fixed: [2.345, 2] })).toBe('2.35');
    expect(run({ cat: ['a', { var: 'reason' }, 'b'] }, {})).toBe('ab');
    expect(run({ cat: [{ '+': [0.1, 0.2] }, true] })).toBe('0.3true');
  });

  it('substr follows JSON Logic: negative start from the end, negative length leaves off the end', () => {
    expect(run({ substr: ['jsonlogic', 4] })).toBe('logic');
    expect(run({ substr: ['jsonlogic', -5] })).toBe('logic');
    expect(run({ substr: ['jsonlogic', 0, 1] })).toBe('j');
    expect(run({ substr: ['jsonlogic', 0, -5] })).toBe('json');
    expect(run({ substr: [{ var: 'reason' }, 0, 2] }, record)).toBe('电压');
  });

  it('upper, lower, trim and length count characters', () => {
    expect(run({ upper: 'vip' })).toBe('VIP');
    expect(run({ lower: ['ÀB'] })).toBe('àb');
    expect(run({ trim: { var: 'order_no' } }, record)).toBe('SO-2024-001');
    expect(run({ length: { var: 'reason' } }, record)).toBe('6');
    expect(run({ length: { var: 'reason' } }, {})).toBe('0');
    expect(run({ length: { var: 'tags' } }, { tags: ['rush', 'vip'] })).toBe('2');
  });

  it('contains, starts_with and ends_with are case-sensitive and false on an empty field', () => {
    expect(run({ contains: [{ var: 'order_no' }, '2024'] }, record)).toBe(true);
    expect(run({ contains: [{ var: 'order_no' }, 'so'] }, record)).toBe(false);
    expect(run({ contains: [{ lower: { var: 'order_no' } }, 'so'] }, record)).toBe(true);
    expect(run({ contains: [{ var: 'tags' }, 'vip'] }, { tags: ['rush', 'vip'] })).toBe(true);
    expect(run({ starts_with: [{ trim: { var: 'order_no' } }, 'SO-'] }, record)).toBe(true);
    expect(run({ ends_with: [{ var: 'order_no' }, '001'] }, record)).toBe(false);
    expect(run({ starts_with: [{ var: 'reason' }, 'x'] }, {})).toBe(false);
  });

  it('stops a text that grows past the limit instead of exhausting memory', () => {
    const doubling = { reduce: [{ var: 'tags' }, { cat: [{ var: 'accumulator' }, { var: 'accumulator' }] }, 'xxxxxxxxxx'] };
    const tags = Array.from({ length: 40 }, () => 'rush');
    expect(errorCode(() => evaluateExpression(doubling, { scope: scopeFor(), record: { tags } }))).toBe('CRM_ERR_EXPRESSION_LIMIT');
    expect(MAX_TEXT_LENGTH).toBe(100_000);
  });
});
