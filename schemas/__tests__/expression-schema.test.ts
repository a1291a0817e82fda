import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';

const schema = JSON.parse(readFileSync(new URL('../meta/expression.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ strict: true, strictTuples: false, allErrors: true });
const validate = ajv.compile(schema);

describe('meta/expression.schema.json', () => {
  it('accepts literals, lists and operations as admins write them', () => {
    for (const expression of [
      null, true, 3, '2024-01-31', [1, 2],
      { var: 'amount' },
      { var: ['customer.company.region', 'none'] },
      { var: '' },
      { var: '$before.amount' },
      { and: [{ '>': [{ var: 'discount_pct' }, 10] }, { '!': { is_empty: { var: 'reason' } } }] },
      { sum: [{ var: 'lines' }, { '*': [{ var: 'quantity' }, { var: 'unit_price' }] }] },
      { today: [] },
    ]) {
      expect(validate(expression), JSON.stringify(expression)).toBe(true);
    }
  });

  it('refuses unknown functions, several keys, empty operations and unsafe variable paths', () => {
    for (const expression of [
      { eval: ['1'] },
      { '+': [1], '-': [1] },
      {},
      { var: '__proto__' },
      { var: 'extra.constructor.name' },
      { var: 'lines.prototype' },
      { var: 'a..b' },
      { var: 3 },
      { and: [{ constructor: [] }] },
      JSON.parse('{"__proto__": [1]}'),
    ]) {
      expect(validate(expression), JSON.stringify(expression)).toBe(false);
    }
  });

  it('exposes a condition definition for documents to reference', () => {
    const withRef = ajv.compile({ $ref: 'https://crm.local/meta/expression.schema.json#/$defs/condition' });
    expect(withRef({ '==': [{ var: 'status' }, 'open'] })).toBe(true);
    expect(withRef({ '==': [{ var: 'status' }, 'open'], or: [] })).toBe(false);
  });
});
