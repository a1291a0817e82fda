import type { EntityModel } from '../metadata/entity-model.js';
import { FILTER_OPERATORS } from '../records/record-filter.js';
import { MAX_PAGE_SIZE } from '../records/records.service.js';

type JsonObject = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonObject) => ({ 'application/json': { schema } });
const errorResponses = {
  '400': { description: 'Invalid request', content: json(ref('Error')) },
  '404': { description: 'Not found', content: json(ref('Error')) },
};

const systemFields: JsonObject = {
  id: { type: 'string', format: 'uuid', readOnly: true },
  version: { type: 'integer', readOnly: true, description: 'Optimistic-concurrency version; send it back (If-Match) to update.' },
  owner_id: { type: ['string', 'null'], format: 'uuid' },
  department_id: { type: ['string', 'null'], format: 'uuid', readOnly: true },
  created_by: { type: ['string', 'null'], format: 'uuid', readOnly: true },
  updated_by: { type: ['string', 'null'], format: 'uuid', readOnly: true },
  created_at: { type: 'string', format: 'date-time', readOnly: true },
  updated_at: { type: 'string', format: 'date-time', readOnly: true },
  deleted_at: { type: 'string', format: 'date-time', readOnly: true },
};

function schemaName(entity: string): string {
  return entity.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

function entitySchemas(model: EntityModel): Record<string, JsonObject> {
  const name = schemaName(model.name);
  const { $schema: _dialect, ...definition } = model.recordSchema as unknown as JsonObject;
  const input = { ...definition, properties: { ...(definition.properties as JsonObject), id: systemFields.id, owner_id: systemFields.owner_id } };
  const patch = { ...input, required: [], properties: { ...input.properties, version: { type: 'integer' } } };
  const record = { ...definition, required: ['id', 'version', ...((definition.required as string[]) ?? [])], properties: { ...systemFields, ...(definition.properties as JsonObject) } };
  return { [`${name}Input`]: input, [`${name}Patch`]: patch, [name]: record };
}

function entityPaths(model: EntityModel): Record<string, JsonObject> {
  const name = schemaName(model.name);
  const label = (model.document['x-crm-label'] as Record<string, string> | undefined)?.en ?? model.name;
  const tags = [label];
  const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  const listParams = [
    { name: 'filter', in: 'query', schema: { type: 'string' }, description: `JSON filter; operators ${FILTER_OPERATORS.join(', ')}, groups _and / _or` },
    { name: 'sort', in: 'query', schema: { type: 'string' }, description: 'Comma-separated fields, "-" for descending' },
    { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE } },
    { name: 'cursor', in: 'query', schema: { type: 'string' } },
    { name: 'fields', in: 'query', schema: { type: 'string' } },
    { name: 'expand', in: 'query', schema: { type: 'string' } },
    {
      name: 'total',
      in: 'query',
      schema: { anyOf: [{ type: 'boolean' }, { type: 'string', enum: ['exact'] }] },
      description: 'true: the number of matches, exact up to a limit and estimated above it (total_estimated); exact: always exact',
    },
    { name: 'trashed', in: 'query', schema: { type: 'boolean' } },
  ];
  const page = {
    type: 'object',
    required: ['data', 'page'],
    properties: {
      data: { type: 'array', items: ref(name) },
      page: ref('Page'),
      total: { type: 'integer' },
      total_estimated: { type: 'boolean', description: 'true when total is the database planner\'s estimate' },
    },
  };
  return {
    [`/api/records/${model.name}`]: {
      get: { tags, operationId: `list${name}`, parameters: listParams, responses: { '200': { description: 'A page of records', content: json(page) }, ...errorResponses } },
      post: {
        tags,
        operationId: `create${name}`,
        requestBody: { required: true, content: json(ref(`${name}Input`)) },
        responses: { '201': { description: 'Created', content: json(ref(name)) }, ...errorResponses },
      },
    },
    [`/api/records/${model.name}/bulk`]: {
      post: {
        tags,
        operationId: `bulkCreate${name}`,
        requestBody: { required: true, content: json({ type: 'object', required: ['records'], properties: { records: { type: 'array', items: ref(`${name}Input`) } } }) },
        responses: { '201': { description: 'All created', content: json({ type: 'object', properties: { data: { type: 'array', items: ref(name) } } }) }, ...errorResponses },
      },
    },
    [`/api/records/${model.name}/{id}`]: {
      parameters: [idParam],
      get: { tags, operationId: `get${name}`, responses: { '200': { description: 'The record', content: json(ref(name)) }, ...errorResponses } },
      patch: {
        tags,
        operationId: `update${name}`,
        parameters: [{ name: 'If-Match', in: 'header', schema: { type: 'string' } }],
        requestBody: { required: true, content: json(ref(`${name}Patch`)) },
        responses: {
          '200': { description: 'Updated', content: json(ref(name)) },
          '409': { description: 'Stale version', content: json(ref('Error')) },
          ...errorResponses,
        },
      },
      delete: { tags, operationId: `delete${name}`, responses: { '204': { description: 'Deleted (restorable)' }, ...errorResponses } },
    },
    [`/api/records/${model.name}/{id}/restore`]: {
      parameters: [idParam],
      post: { tags, operationId: `restore${name}`, responses: { '200': { description: 'Restored', content: json(ref(name)) }, ...errorResponses } },
    },
  };
}

const metadataPaths: Record<string, JsonObject> = {
  '/api/meta/entities': {
    get: { tags: ['Metadata'], operationId: 'listEntities', responses: { '200': { description: 'Entities' } } },
    post: { tags: ['Metadata'], operationId: 'createEntity', requestBody: { required: true, content: json({ type: 'object' }) }, responses: { '201': { description: 'Created' }, ...errorResponses } },
  },
  '/api/meta/entities/{entity}': {
    parameters: [{ name: 'entity', in: 'path', required: true, schema: { type: 'string' } }],
    get: { tags: ['Metadata'], operationId: 'getEntity', responses: { '200': { description: 'Current definition' }, ...errorResponses } },
    put: { tags: ['Metadata'], operationId: 'replaceEntity', requestBody: { required: true, content: json({ type: 'object' }) }, responses: { '200': { description: 'New version' }, ...errorResponses } },
  },
  '/api/meta/entities/{entity}/fields': {
    parameters: [{ name: 'entity', in: 'path', required: true, schema: { type: 'string' } }],
    post: { tags: ['Metadata'], operationId: 'addField', requestBody: { required: true, content: json({ type: 'object' }) }, responses: { '201': { description: 'New version' }, ...errorResponses } },
  },
  '/api/meta/entities/{entity}/versions': {
    parameters: [{ name: 'entity', in: 'path', required: true, schema: { type: 'string' } }],
    get: { tags: ['Metadata'], operationId: 'listVersions', responses: { '200': { description: 'Version history' }, ...errorResponses } },
  },
};

/** OpenAPI 3.1 for the live definitions: regenerated whenever a definition changes. */
export function buildOpenApiDocument(models: EntityModel[], version: string): JsonObject {
  const sorted = [...models].sort((a, b) => a.name.localeCompare(b.name));
  const schemas: Record<string, JsonObject> = {
    Error: {
      type: 'object',
      required: ['code', 'message', 'fields'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        fields: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, keyword: { type: 'string' }, message: { type: 'string' } } } },
        details: { type: 'object' },
        requestId: { type: 'string' },
      },
    },
    Page: {
      type: 'object',
      properties: { limit: { type: 'integer' }, has_more: { type: 'boolean' }, next_cursor: { type: ['string', 'null'] } },
    },
  };
  const paths: Record<string, JsonObject> = { ...metadataPaths };
  for (const model of sorted) {
    Object.assign(schemas, entitySchemas(model));
    Object.assign(paths, entityPaths(model));
  }
  return {
    openapi: '3.1.0',
    info: { title: 'CRM platform API', version, description: 'Generated from the live entity definitions.' },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    paths,
    components: { schemas },
  };
}
