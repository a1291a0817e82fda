import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { label, startHarness, type Harness } from './support/api.js';

interface SchemaObject {
  type?: string;
  required?: string[];
  properties?: Record<string, SchemaObject>;
}
interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, { operationId?: string }>>;
  components: { schemas: Record<string, SchemaObject> };
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.t.close();
});

async function fetchDoc(): Promise<OpenApiDoc> {
  const res = await h.api.get<OpenApiDoc>('/api/openapi.json');
  expect(res.status).toBe(200);
  expect(String(res.headers['content-type'])).toContain('application/json');
  return res.body;
}

async function validate(doc: unknown): Promise<{ valid: boolean; errors?: unknown }> {
  return new Validator().validate(doc as Record<string, unknown>);
}

const schemaName = (entity: string) => entity.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

/** Every `$ref` string anywhere in the document. */
function refs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => refs(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') found.push(child);
      else refs(child, found);
    }
  }
  return found;
}

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const doc = await fetchDoc();
    expect(doc.openapi).toMatch(/^3\.1\./);
    const result = await validate(doc);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('the validator does reject a broken document (so the check above means something)', async () => {
    const { paths, ...withoutInfo } = await fetchDoc();
    const result = await validate({ ...withoutInfo, info: { title: 'x' }, paths: { ...paths, '/x': { get: { responses: 'nope' } } } });
    expect(result.valid).toBe(false);
  });

  it('has list, create, bulk, get, patch, delete and restore paths for every entity', async () => {
    const doc = await fetchDoc();
    const entities = (await h.api.get<{ data: { name: string }[] }>('/api/meta/entities')).body.data.map((e) => e.name);
    expect(entities.length).toBeGreaterThanOrEqual(9);
    for (const entity of entities) {
      const base = `/api/records/${entity}`;
      expect(Object.keys(doc.paths[base] ?? {}), entity).toEqual(expect.arrayContaining(['get', 'post']));
      expect(Object.keys(doc.paths[`${base}/bulk`] ?? {}), entity).toContain('post');
      expect(Object.keys(doc.paths[`${base}/{id}`] ?? {}), entity).toEqual(expect.arrayContaining(['get', 'patch', 'delete']));
      expect(Object.keys(doc.paths[`${base}/{id}/restore`] ?? {}), entity).toContain('post');
      const name = schemaName(entity);
      for (const schema of [name, `${name}Input`, `${name}Patch`]) expect(doc.components.schemas[schema], schema).toBeDefined();
    }
  });

  it('every $ref points at an existing component and operation ids are unique', async () => {
    const doc = await fetchDoc();
    for (const ref of new Set(refs(doc))) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas[ref.replace('#/components/schemas/', '')], ref).toBeDefined();
    }
    const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId).filter(Boolean));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('entity schemas mirror the definition: fields, required and system fields', async () => {
    const { components } = await fetchDoc();
    const customer = components.schemas.Customer!;
    expect(customer.properties?.name).toMatchObject({ type: 'string', maxLength: 200 });
    expect(customer.properties?.tier).toMatchObject({ enum: ['vip', 'gold', 'silver', 'standard'] });
    expect(customer.required).toEqual(expect.arrayContaining(['id', 'version', 'name', 'customer_type']));
    expect(components.schemas.CustomerInput?.required).toEqual(['name', 'customer_type']);
    expect(components.schemas.CustomerPatch?.required).toEqual([]);
  });

  it('a field added through the admin API appears in the very next fetch', async () => {
    const before = await fetchDoc();
    expect(before.components.schemas.Contact?.properties).not.toHaveProperty('linkedin');
    const res = await h.api.post('/api/meta/entities/contact/fields', {
      name: 'linkedin',
      schema: { 'x-crm-type': 'url', 'x-crm-label': label('LinkedIn') },
    });
    expect(res.status, res.text).toBe(201);
    const after = await fetchDoc();
    expect(after.components.schemas.Contact?.properties?.linkedin).toMatchObject({ type: 'string', format: 'uri' });
    expect(after.components.schemas.ContactInput?.properties).toHaveProperty('linkedin');
    expect((await validate(after)).valid).toBe(true);
  });

  it('a new entity appears in the very next fetch, and removed fields leave it', async () => {
    await fetchDoc();
    const created = await h.api.post('/api/meta/entities', {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      additionalProperties: false,
      'x-crm-entity': 'site_visit',
      'x-crm-label': label('Site visit'),
      'x-crm-label-plural': label('Site visits'),
      'x-crm-title-field': 'place',
      'x-crm-list-columns': ['place'],
      'x-crm-owner': 'custom',
      properties: {
        place: { 'x-crm-type': 'text', 'x-crm-label': label('Place'), type: 'string', maxLength: 80 },
        note: { 'x-crm-type': 'text', 'x-crm-label': label('Note'), type: 'string', maxLength: 80 },
      },
    });
    expect(created.status, created.text).toBe(201);
    const doc = await fetchDoc();
    expect(doc.paths['/api/records/site_visit']).toBeDefined();
    expect(doc.components.schemas.SiteVisit?.properties).toHaveProperty('note');
    expect((await validate(doc)).valid).toBe(true);

    expect((await h.api.delete('/api/meta/entities/site_visit/fields/note')).status).toBe(200);
    expect((await fetchDoc()).components.schemas.SiteVisit?.properties).not.toHaveProperty('note');
  });
});
