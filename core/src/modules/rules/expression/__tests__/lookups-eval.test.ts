import { describe, expect, it } from 'vitest';
import { errorCode, run } from './fixtures.js';

const lookups = new Map<string, Record<string, unknown> | null>([
  ['cu1', { name: 'Acme', credit_rating: 'A', credit_limit: '50000.00', company: 'co1' }],
  ['cu2', { name: 'Bolt', credit_rating: 'C', credit_limit: '100.00', company: 'gone' }],
  ['co1', { name: 'Acme Group', region: 'east' }],
  ['gone', null],
  ['p1', { name: 'Meter', unit_price: '99.90' }],
]);

describe('reading referenced records', () => {
  it('follows two hops through loaded records', () => {
    expect(run({ var: 'customer.company.region' }, { customer: 'cu1' }, { lookups })).toBe('east');
    expect(run({ '<=': [{ var: 'amount' }, { var: 'customer.credit_limit' }] }, { customer: 'cu1', amount: '9000' }, { lookups })).toBe(true);
    expect(run({ var: 'customer' }, { customer: 'cu1' }, { lookups })).toBe('cu1');
  });

  it('reads a reference to a missing record, or an empty reference, as empty', () => {
    expect(run({ var: 'customer.company.region' }, { customer: 'cu2' }, { lookups })).toBe(null);
    expect(run({ var: 'customer.company.region' }, {}, { lookups })).toBe(null);
  });

  it('reads references inside line items and references lists', () => {
    const record = { lines: [{ product: 'p1', qty: 2, price: '95.00' }], contacts: ['cu1', 'cu2'] };
    expect(run({ sum: [{ var: 'lines' }, { '*': [{ var: 'qty' }, { var: 'product.unit_price' }] }] }, record, { lookups })).toBe('199.8');
    expect(run({ map: [{ var: 'contacts' }, { var: 'credit_rating' }] }, record, { lookups })).toEqual(['A', 'C']);
  });

  it('a record that was never loaded is a loud error, not a silent null', () => {
    expect(errorCode(() => run({ var: 'customer.name' }, { customer: 'cu9' }, { lookups }))).toBe('CRM_ERR_LOOKUP_NOT_LOADED');
  });
});
