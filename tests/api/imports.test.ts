import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '@crm/core/testing';
import { sql } from 'kysely';
import { label, startHarness, type Harness } from './support/api.js';
import { csv, errorsOf, upload, waitFor, xlsx, type ImportJob } from './support/imports.js';

const PASSWORD = 'imports-test-password';

describe('import: mapping, dry run, errors per row and field, upsert by key', () => {
  let h: Harness;
  let admin: ApiClient;
  let reader: ApiClient;
  let companyId: string;

  beforeAll(async () => {
    h = await startHarness();
    admin = h.t.app;
    await h.api.post('/api/meta/entities/customer/fields', { name: 'customer_no', schema: { 'x-crm-type': 'text', 'x-crm-indexed': true, 'x-crm-label': label('Customer no.') } });
    companyId = (await h.api.post<{ id: string }>('/api/records/company', { name: 'Acme Holdings' })).body.id;
    await admin.inject({ method: 'PUT', url: '/api/org/roles', payload: { name: 'reader', label: label('Reader'), permissions: { entities: { '*': { actions: ['read'], scope: 'all' } } } } });
    await h.api.post('/api/org/users', { username: 'imp_reader', displayName: 'Reader', password: PASSWORD, roles: ['reader'] });
    reader = await h.t.signIn('imp_reader', PASSWORD);
  });
  afterAll(async () => {
    await h.t.close();
  });

  const file = csv([
    ['Customer no.', 'Name', 'Type', 'Region', 'Revenue', 'Company', 'Tags', 'Since'],
    ['C-001', 'Wang Lei', 'individual', 'East China', '120,000.50', '', 'Key account; fleet', '2024/3/5'],
    ['C-002', 'Zhao Min', '企业', 'south_china', '88000', 'Acme Holdings', '', '2023-11-20'],
    ['C-003', '', 'enterprise', 'east_china', '1', '', '', ''],
    ['C-004', 'Chen Jie', 'alien', 'east_china', 'lots', '', '', ''],
    ['C-005', 'Liu Yang', 'individual', 'mars', '5', 'Nobody Inc', 'nope', '2024-02-30'],
    ['C-006', 'Sun Li', 'individual', 'north_china', '42.10', '', 'investor', '2022-01-01'],
  ]);

  it('uploads, suggests a mapping, dry-runs without writing, then imports exactly the good rows', async () => {
    const uploaded = await upload(admin, 'customer', file, { fileName: 'customers.csv' });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const job = uploaded.json() as ImportJob;
    expect(job.totalRows).toBe(6);
    expect(job.headers).toEqual(['Customer no.', 'Name', 'Type', 'Region', 'Revenue', 'Company', 'Tags', 'Since']);
    // Columns named like field labels are mapped; others are left for the user.
    expect(job.suggestedMapping).toMatchObject({ 'Customer no.': 'customer_no', Name: 'name', Region: 'region', Company: 'company', Tags: 'tags' });
    const mapping = { ...job.suggestedMapping, Type: 'customer_type', Revenue: 'annual_revenue', Since: 'birthday' };

    const dry = await admin.inject({ method: 'POST', url: `/api/imports/${job.id}/dry-run`, payload: { mapping } });
    expect(dry.statusCode, dry.body).toBe(202);
    const checked = await waitFor(admin, job.id);
    expect(checked.status).toBe('validated');
    expect(checked.dryRun).toMatchObject({ status: 'done', processedRows: 6, validRows: 3, failedRows: 3 });
    const dryErrors = await errorsOf(admin, job.id, 'dry_run');
    expect(new Set(dryErrors.map((e) => e.row))).toEqual(new Set([3, 4, 5]));
    const at = (row: number, field: string) => dryErrors.find((e) => e.row === row && e.field === field);
    expect(at(3, 'name')?.code).toBe('CRM_ERR_VALIDATION');
    expect(at(4, 'customer_type')?.column).toBe('Type');
    expect(at(4, 'annual_revenue')?.message).toMatch(/number/);
    expect(at(5, 'region')?.message).toMatch(/choices/);
    expect(at(5, 'company')?.code).toBe('CRM_ERR_REFERENCE_NOT_FOUND');
    expect(at(5, 'tags')).toBeDefined();
    expect((await h.api.list('customer', { total: true })).body.total).toBe(0);

    const started = await admin.inject({ method: 'POST', url: `/api/imports/${job.id}/start`, payload: {} });
    expect(started.statusCode, started.body).toBe(202);
    const done = await waitFor(admin, job.id);
    expect(done).toMatchObject({ status: 'completed', processedRows: 6, inserted: 3, failed: 3 });
    const stored = (await h.api.list('customer', { sort: 'customer_no', limit: 50 })).body.data;
    expect(stored.map((c) => c.customer_no)).toEqual(['C-001', 'C-002', 'C-006']);
    expect(stored[0]).toMatchObject({ name: 'Wang Lei', customer_type: 'individual', region: 'east_china', annual_revenue: '120000.50', tags: ['key_account', 'fleet'], birthday: '2024-03-05' });
    expect(stored[1]).toMatchObject({ customer_type: 'enterprise', company: companyId });
    expect(new Set((await errorsOf(admin, job.id)).map((e) => e.row))).toEqual(new Set([3, 4, 5]));
    // Imported through the records service: audited with the import as the request.
    const history = await h.api.get<{ data: { action: string; request_id: string }[] }>(`/api/records/customer/${stored[0]!.id}/history`);
    expect(history.body.data[0]).toMatchObject({ action: 'create', request_id: `import:${job.id}` });
    // The mapping is remembered for the next file of this entity.
    const again = (await upload(admin, 'customer', file)).json() as ImportJob;
    expect(again.suggestedMapping).toEqual(mapping);
    expect((await admin.inject({ method: 'POST', url: `/api/imports/${job.id}/start`, payload: {} })).json().code).toBe('CRM_ERR_IMPORT_STATE');
  });

  it('upserts by a chosen key: updates the rows it finds, creates the others', async () => {
    const update = csv([
      ['customer_no', 'name', 'customer_type', 'city'],
      ['C-001', 'Wang Lei', 'individual', 'Hangzhou'],
      ['C-006', 'Sun Li (renamed)', 'individual', ''],
      ['C-100', 'New Person', 'individual', 'Suzhou'],
      ['C-002', 'Zhao Min', 'enterprise', ''],
    ]);
    const job = (await upload(admin, 'customer', update)).json() as ImportJob;
    const mapping = { customer_no: 'customer_no', name: 'name', customer_type: 'customer_type', city: 'city' };
    const refused = await admin.inject({ method: 'POST', url: `/api/imports/${job.id}/start`, payload: { mapping, mode: 'upsert' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('CRM_ERR_IMPORT_MAPPING');
    await admin.inject({ method: 'POST', url: `/api/imports/${job.id}/start`, payload: { mapping, mode: 'upsert', key: 'customer_no' } });
    const done = await waitFor(admin, job.id);
    expect(done).toMatchObject({ status: 'completed', inserted: 1, updated: 2, unchanged: 1, failed: 0 });
    const byNo = new Map((await h.api.list('customer', { limit: 50 })).body.data.map((c) => [c.customer_no, c]));
    expect(byNo.size).toBe(4);
    expect(byNo.get('C-001')).toMatchObject({ city: 'Hangzhou', version: 2, annual_revenue: '120000.50' });
    expect(byNo.get('C-006')).toMatchObject({ name: 'Sun Li (renamed)', region: 'north_china' });
    expect(byNo.get('C-002')!.version).toBe(1);
    expect(byNo.get('C-100')).toMatchObject({ city: 'Suzhou' });
  });

  it('imports XLSX workbooks with typed cells', async () => {
    const book = await xlsx([
      ['customer_no', 'name', 'customer_type', 'annual_revenue', 'birthday'],
      ['X-1', 'Excel One', 'individual', 1234.5, new Date(Date.UTC(1990, 4, 17))],
      ['X-2', 'Excel Two', 'Enterprise', 99, '1985-12-01'],
    ]);
    const uploaded = await upload(admin, 'customer', book, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: 'c.xlsx' });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const job = uploaded.json() as ImportJob;
    expect(job.totalRows).toBe(2);
    await admin.inject({ method: 'POST', url: `/api/imports/${job.id}/start`, payload: { mapping: job.suggestedMapping } });
    expect(await waitFor(admin, job.id)).toMatchObject({ status: 'completed', inserted: 2 });
    const [one, two] = (await h.api.list('customer', { filter: { customer_no: { _starts_with: 'X-' } }, sort: 'customer_no' })).body.data;
    expect(one).toMatchObject({ annual_revenue: '1234.5', birthday: '1990-05-17' });
    expect(two).toMatchObject({ customer_type: 'enterprise', annual_revenue: '99' });
  });

  it('refuses bad files with clear 4xx errors and keeps nothing of them', async () => {
    const gbk = Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x0a]); // "name\n张三\n" in GBK
    const wrongEncoding = await upload(admin, 'customer', gbk);
    expect(wrongEncoding.statusCode).toBe(400);
    expect(wrongEncoding.json().code).toBe('CRM_ERR_IMPORT_ENCODING');
    const rightEncoding = await upload(admin, 'customer', gbk, { encoding: 'gb18030' });
    expect(rightEncoding.statusCode, rightEncoding.body).toBe(201);
    expect((rightEncoding.json() as { sample: string[][] }).sample).toEqual([['张三']]);
    const cases: [Buffer | string, Record<string, string>, number, string][] = [
      ['name,name\na,b\n', {}, 400, 'CRM_ERR_IMPORT_FILE_INVALID'],
      ['name,,city\na,b,c\n', {}, 400, 'CRM_ERR_IMPORT_FILE_INVALID'],
      ['name,city\n"unclosed,x\n', {}, 400, 'CRM_ERR_IMPORT_FILE_INVALID'],
      [`name\n${'x'.repeat(200_000)}\n`, {}, 400, 'CRM_ERR_IMPORT_FILE_INVALID'],
      ['name\n', {}, 400, 'CRM_ERR_IMPORT_FILE_INVALID'],
      ['', {}, 400, 'CRM_ERR_IMPORT_FILE_INVALID'],
      ['not a zip at all', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: 'x.xlsx' }, 400, 'CRM_ERR_IMPORT_FILE_INVALID'],
      ['%PDF-1.4', { type: 'application/pdf', fileName: 'x.pdf' }, 415, 'CRM_ERR_IMPORT_FORMAT'],
      ['name\na\n', { encoding: 'klingon' }, 400, 'CRM_ERR_BAD_REQUEST'],
    ];
    for (const [body, options, status, code] of cases) {
      const res = await upload(admin, 'customer', body, options);
      expect(res.statusCode, `${String(body).slice(0, 30)} ${res.body.slice(0, 200)}`).toBe(status);
      expect(res.json().code).toBe(code);
    }
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from crm_import_job where status = 'uploading'`.execute(h.db);
    expect(rows[0]!.n).toBe(0);
    const mappingProblems = await admin.inject({
      method: 'POST', url: `/api/imports/${(rightEncoding.json() as ImportJob).id}/start`, payload: { mapping: { name: 'name', nope: 'city', x: 'unknown_field' } },
    });
    expect(mappingProblems.statusCode).toBe(400);
    expect(mappingProblems.json().fields.map((f: { path: string }) => f.path).sort()).toEqual(['/mapping/nope', '/mapping/x']);
  });

  it('needs the right to create records, and shows a job only to its owner and admins', async () => {
    const refused = await upload(reader, 'customer', 'name\nx\n');
    expect(refused.statusCode).toBe(403);
    const job = (await upload(admin, 'customer', 'name\nx\n')).json() as ImportJob;
    expect((await reader.inject({ method: 'GET', url: `/api/imports/${job.id}` })).statusCode).toBe(404);
  });
});
