import { describe, expect, it } from 'vitest';
import { customerModel } from '../../records/__tests__/compile-sql.js';
import { convertCell } from '../import-values.js';

const model = customerModel();
const convert = (field: string, raw: string | number | boolean | Date | null) => convertCell(model.fields.get(field), field, raw);

describe('import cell conversion', () => {
  it('reads choices by code or by label in any language, ignoring case', () => {
    expect(convert('customer_type', 'enterprise')).toEqual({ kind: 'value', value: 'enterprise' });
    expect(convert('customer_type', '企业')).toEqual({ kind: 'value', value: 'enterprise' });
    expect(convert('region', 'east china')).toEqual({ kind: 'value', value: 'east_china' });
    expect(convert('tags', 'Fleet; 投资客')).toEqual({ kind: 'value', value: ['fleet', 'investor'] });
    expect(convert('region', 'Mars')).toMatchObject({ kind: 'error' });
  });

  it('keeps decimals exact and reads grouped thousands, refusing what it cannot read', () => {
    expect(convert('annual_revenue', '1,234,567.89')).toEqual({ kind: 'value', value: '1234567.89' });
    expect(convert('annual_revenue', 0.1)).toEqual({ kind: 'value', value: '0.1' });
    expect(convert('annual_revenue', 1e-7)).toEqual({ kind: 'value', value: '0.0000001' });
    expect(convert('annual_revenue', '12,5')).toMatchObject({ kind: 'error' });
    expect(convert('annual_revenue', 'lots')).toMatchObject({ kind: 'error' });
  });

  it('reads dates, empty cells and references by title', () => {
    expect(convert('birthday', '2024/3/5')).toEqual({ kind: 'value', value: '2024-03-05' });
    expect(convert('birthday', '2024年3月5日')).toEqual({ kind: 'value', value: '2024-03-05' });
    expect(convert('birthday', new Date(Date.UTC(1990, 4, 17)))).toEqual({ kind: 'value', value: '1990-05-17' });
    expect(convert('name', '   ')).toEqual({ kind: 'empty' });
    expect(convert('company', 'Acme Holdings')).toEqual({ kind: 'lookup', ref: 'company', titles: ['Acme Holdings'], many: false });
    expect(convert('company', '0193A2B4-0000-7000-8000-000000000001')).toEqual({ kind: 'value', value: '0193a2b4-0000-7000-8000-000000000001' });
    expect(convertCell(undefined, 'owner_id', 'li.na')).toEqual({ kind: 'lookup', ref: 'user', titles: ['li.na'], many: false });
  });
});
