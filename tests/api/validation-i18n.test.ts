import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startHarness, type Harness } from './support/api.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.t.close();
});

const CHINESE = /[\u4e00-\u9fff]/;
const bad = { customer_type: 'individual', tier: 'diamond' };

const languages = [
  { header: 'zh-CN', top: '数据未通过校验', looksRight: (m: string) => CHINESE.test(m) },
  { header: 'es', top: 'Los datos no son válidos', looksRight: (m: string) => /\b(debe|deber|propiedad|valores)\b/.test(m) && !CHINESE.test(m) },
  { header: 'en', top: 'The data is not valid', looksRight: (m: string) => /\bmust\b/.test(m) && !CHINESE.test(m) },
];

describe('validation errors in the caller’s language', () => {
  it.each(languages)('Accept-Language: $header', async ({ header, top, looksRight }) => {
    const res = await h.api.post('/api/records/customer', bad, { 'accept-language': header });
    expect(res.status).toBe(400);
    const error = errorOf(res);
    expect(error.code).toBe('CRM_ERR_VALIDATION');
    expect(error.message).toBe(top);
    const byPath = new Map(error.fields.map((f) => [f.path, f]));
    expect(byPath.get('/name')?.keyword).toBe('required');
    expect(byPath.get('/tier')?.keyword).toBe('enum');
    expect(error.fields).toHaveLength(2);
    for (const field of error.fields) expect(looksRight(field.message), `${header}: ${field.message}`).toBe(true);
  });

  it('the same record gets different messages per language but the same paths and keywords', async () => {
    const replies = await Promise.all(languages.map(({ header }) => h.api.post('/api/records/customer', bad, { 'accept-language': header })));
    const errors = replies.map(errorOf);
    const shape = (e: ReturnType<typeof errorOf>) => e.fields.map((f) => `${f.path} ${f.keyword}`).sort();
    expect(shape(errors[1]!)).toEqual(shape(errors[0]!));
    expect(shape(errors[2]!)).toEqual(shape(errors[0]!));
    expect(new Set(errors.map((e) => e.fields.find((f) => f.path === '/tier')?.message)).size).toBe(3);
  });

  it('honours q-values and regional tags, falling back to English', async () => {
    const message = async (header: string) => errorOf(await h.api.post('/api/records/customer', bad, { 'accept-language': header })).message;
    expect(await message('fr;q=1, es-MX;q=0.8, en;q=0.5')).toBe('Los datos no son válidos');
    expect(await message('zh-TW')).toBe('数据未通过校验');
    expect(await message('en;q=0.2, zh;q=0.9')).toBe('数据未通过校验');
    expect(await message('de-DE')).toBe('The data is not valid');
    expect(await message('')).toBe('The data is not valid');
  });

  it('bulk and patch errors are localized with full paths', async () => {
    const bulk = await h.api.post('/api/records/customer/bulk', { records: [{ name: 'ok', customer_type: 'individual' }, bad] }, { 'accept-language': 'zh-CN' });
    const bulkError = errorOf(bulk);
    expect(bulkError.fields.map((f) => f.path).sort()).toEqual(['/records/1/name', '/records/1/tier']);
    expect(bulkError.fields.every((f) => CHINESE.test(f.message))).toBe(true);

    const created = await h.api.post('/api/records/customer', { name: 'ok', customer_type: 'individual' });
    const patch = await h.api.patch(`/api/records/customer/${created.body.id}`, { email: 'not-an-email', version: 1 }, { 'accept-language': 'es' });
    const patchError = errorOf(patch);
    expect(patchError.message).toBe('Los datos no son válidos');
    expect(patchError.fields).toEqual([expect.objectContaining({ path: '/email', keyword: 'format' })]);
    expect(patchError.fields[0]!.message).toMatch(/\bdebe\b/);
  });

  it('other errors are localized too', async () => {
    const zh = errorOf(await h.api.get('/api/records/no_such_thing', { 'accept-language': 'zh-CN' }));
    expect(zh.code).toBe('CRM_ERR_ENTITY_NOT_FOUND');
    expect(zh.message).toBe('未知的实体"no_such_thing"');
    const es = errorOf(await h.api.get('/api/records/customer?filter={"nope":{"_eq":1}}', { 'accept-language': 'es' }));
    expect(es.code).toBe('CRM_ERR_UNKNOWN_FIELD');
    expect(es.message).toBe('Campo desconocido "nope" en "customer"');
    const en = errorOf(await h.api.patch('/api/records/customer/00000000-0000-7000-8000-000000000001', { name: 'x' }, { 'accept-language': 'en' }));
    expect(en.code).toBe('CRM_ERR_VERSION_REQUIRED');
    expect(en.message).toMatch(/^Send the record version/);
  });
});
