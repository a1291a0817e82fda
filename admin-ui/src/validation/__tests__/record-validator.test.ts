import { describe, expect, it } from 'vitest';
import { describeValuePath } from '../../metadata/value-path';
import { sampleDefinition } from '../../test-support/definitions';
import { groupByField } from '../field-errors';
import { validateRecord, type ValidationMessageKey } from '../record-validator';

const translate = (key: ValidationMessageKey) => `msg:${key}`;

describe('client-side validation with the definition', () => {
  const definition = sampleDefinition();

  it('accepts a valid record and ignores removed fields, even required ones', () => {
    expect(validateRecord(definition, { name: 'Big deal', stage: 'open', amount: '1200.50' }, 'en', translate)).toEqual([]);
  });

  it('maps a missing required field to its own path', () => {
    const problems = validateRecord(definition, { stage: 'open' }, 'en', translate);
    expect(problems).toEqual([{ path: '/name', keyword: 'required', message: 'msg:required' }]);
  });

  it('treats empty inputs as missing', () => {
    const problems = validateRecord(definition, { name: '', stage: 'open' }, 'en', translate);
    expect(problems.map((p) => p.path)).toEqual(['/name']);
  });

  it('words pattern and format errors for decimals and emails', () => {
    const problems = validateRecord(definition, { name: 'x', stage: 'open', amount: '12,5', email: 'nope' }, 'en', translate);
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: '/amount', keyword: 'pattern', message: 'msg:decimal' },
        { path: '/email', keyword: 'format', message: 'msg:email' },
      ]),
    );
  });

  it('localizes the other ajv messages with ajv-i18n', () => {
    const long = 'x'.repeat(60);
    const [en] = validateRecord(definition, { name: long, stage: 'open' }, 'en', translate);
    const [zh] = validateRecord(definition, { name: long, stage: 'open' }, 'zh-CN', translate);
    const [es] = validateRecord(definition, { name: long, stage: 'open' }, 'es', translate);
    expect(en).toMatchObject({ path: '/name', keyword: 'maxLength' });
    expect(en!.message).toContain('50');
    expect(zh!.message).toMatch(/[\u4e00-\u9fff]/);
    expect(es!.message).not.toBe(en!.message);
  });

  it('reports errors inside lines with their row and sub-field', () => {
    const problems = validateRecord(definition, { name: 'x', stage: 'open', lines: [{ quantity: '1' }, {}] }, 'en', translate);
    expect(problems).toEqual([{ path: '/lines/1/quantity', keyword: 'required', message: 'msg:required' }]);
    const grouped = groupByField(problems, (field, rest) => describeValuePath(definition, field, rest, 'en'));
    expect(grouped).toEqual({ lines: ['#2 Quantity: msg:required'] });
  });

  it('groups server errors (fields[].path) the same way', () => {
    expect(groupByField([{ path: '/name', message: 'taken' }, { path: '', message: 'whole record' }])).toEqual({
      name: ['taken'],
      _record: ['whole record'],
    });
  });
});
