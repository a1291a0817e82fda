import { describe, expect, it } from 'vitest';
import { run } from './fixtures.js';

const order = {
  tags: ['rush', 'vip'],
  lines: [
    { qty: 2, price: '10.05', note: 'a' },
    { qty: 1, price: '0.10' },
    { qty: 5, price: '3.30', note: 'c' },
  ],
};

describe('list functions over line items', () => {
  it('map, filter and reduce', () => {
    expect(run({ map: [{ var: 'lines' }, { '*': [{ var: 'qty' }, { var: 'price' }] }] }, order)).toEqual(['20.1', '0.1', '16.5']);
    expect(run({ map: [{ filter: [{ var: 'lines' }, { '>=': [{ var: 'qty' }, 2] }] }, { var: 'note' }] }, order)).toEqual(['a', 'c']);
    expect(run({ reduce: [{ var: 'lines' }, { '+': [{ var: 'accumulator' }, { var: 'current.qty' }] }, 0] }, order)).toBe('8');
    expect(run({ map: [{ var: 'tags' }, { upper: { var: '' } }] }, order)).toEqual(['RUSH', 'VIP']);
  });

  it('some, all and none; all holds for no lines', () => {
    expect(run({ some: [{ var: 'lines' }, { is_empty: { var: 'note' } }] }, order)).toBe(true);
    expect(run({ all: [{ var: 'lines' }, { '>': [{ var: 'qty' }, 0] }] }, order)).toBe(true);
    expect(run({ none: [{ var: 'lines' }, { '>': [{ var: 'qty' }, 4] }] }, order)).toBe(false);
    expect(run({ all: [{ var: 'lines' }, { '>': [{ var: 'qty' }, 0] }] }, { lines: [] })).toBe(true);
    expect(run({ some: [{ var: 'lines' }, { '>': [{ var: 'qty' }, 0] }] }, {})).toBe(false);
  });

  it('sum, count and avg are exact and skip empty values', () => {
    expect(run({ sum: [{ var: 'lines' }, { '*': [{ var: 'qty' }, { var: 'price' }] }] }, order)).toBe('36.7');
    expect(run({ sum: [{ map: [{ var: 'lines' }, { var: 'price' }] }] }, order)).toBe('13.45');
    expect(run({ sum: [{ var: 'lines' }, { var: 'price' }] }, { lines: [] })).toBe('0');
    expect(run({ count: { var: 'lines' } }, order)).toBe('3');
    expect(run({ count: [{ var: 'lines' }, { '!': { is_empty: { var: 'note' } } }] }, order)).toBe('2');
    expect(run({ count: [{ map: [{ var: 'lines' }, { var: 'note' }] }] }, order)).toBe('2');
    expect(run({ avg: [{ var: 'lines' }, { var: 'qty' }] }, order)).toMatch(/^2\.6{30,}7$/);
    expect(run({ avg: [{ var: 'lines' }, { var: 'qty' }] }, { lines: [] })).toBe(null);
  });

  it('min and max over a list, with or without a body', () => {
    expect(run({ max: [{ var: 'lines' }, { var: 'qty' }] }, order)).toBe('5');
    expect(run({ min: [{ map: [{ var: 'lines' }, { var: 'price' }] }] }, order)).toBe('0.1');
    expect(run({ min: [{ var: 'lines' }, { var: 'price' }] }, { lines: [] })).toBe(null);
    expect(run({ max: [{ var: 'tags' }] }, order)).toBe('vip');
  });

  it('an iteration body reads the record through $record', () => {
    const record = { ...order, quantity: 2 };
    expect(run({ count: [{ var: 'lines' }, { '>=': [{ var: 'qty' }, { var: '$record.quantity' }] }] }, record)).toBe('2');
  });
});
