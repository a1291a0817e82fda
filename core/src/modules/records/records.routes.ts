import type { FastifyInstance } from 'fastify';
import { commaList, requestActor } from '../../api/request-context.js';
import { CrmError } from '../../errors/crm-error.js';
import { parseFilterParam } from './record-filter.js';
import { MAX_BULK_RECORDS, MAX_PAGE_SIZE, type RecordsService } from './records.service.js';

const entityParams = {
  type: 'object',
  required: ['entity'],
  properties: { entity: { type: 'string', pattern: '^[a-z][a-z0-9_]{1,39}$' } },
} as const;

const recordParams = {
  type: 'object',
  required: ['entity', 'id'],
  properties: { ...entityParams.properties, id: { type: 'string', maxLength: 64 } },
} as const;

/** `total=true`: exact up to a limit, estimated above it; `total=exact`: always exact. */
const totalParam = { anyOf: [{ type: 'boolean' }, { type: 'string', enum: ['exact'] }] } as const;

const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    filter: { type: 'string', maxLength: 20000 },
    sort: { type: 'string', maxLength: 500 },
    limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE },
    cursor: { type: 'string', maxLength: 4000 },
    fields: { type: 'string', maxLength: 4000 },
    expand: { type: 'string', maxLength: 1000 },
    total: totalParam,
    trashed: { type: 'boolean' },
  },
} as const;

const queryBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    filter: { type: 'object' },
    sort: { type: 'string', maxLength: 500 },
    limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE },
    cursor: { type: 'string', maxLength: 4000 },
    fields: { type: 'array', items: { type: 'string' }, maxItems: 200 },
    expand: { type: 'array', items: { type: 'string' }, maxItems: 20 },
    total: totalParam,
    trashed: { type: 'boolean' },
  },
} as const;

const recordQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { fields: { type: 'string', maxLength: 4000 }, expand: { type: 'string', maxLength: 1000 }, trashed: { type: 'boolean' } },
} as const;

interface ListQueryString {
  filter?: string;
  sort?: string;
  limit?: number;
  cursor?: string;
  fields?: string;
  expand?: string;
  total?: boolean | 'exact';
  trashed?: boolean;
}

/** The generic REST API over records of every entity. */
export async function recordsRoutes(app: FastifyInstance, { records }: { records: RecordsService }): Promise<void> {
  app.get<{ Params: { entity: string }; Querystring: ListQueryString }>(
    '/records/:entity',
    { schema: { params: entityParams, querystring: listQuery } },
    async (request) => {
      const q = request.query;
      return records.list(request.params.entity, {
        filter: parseFilterParam(q.filter),
        sort: q.sort,
        limit: q.limit,
        cursor: q.cursor,
        fields: commaList(q.fields),
        expand: commaList(q.expand),
        withTotal: q.total ?? false,
        trashed: q.trashed ?? false,
      }, requestActor(request));
    },
  );

  app.post<{ Params: { entity: string }; Body: Omit<ListQueryString, 'filter' | 'fields' | 'expand'> & { filter?: unknown; fields?: string[]; expand?: string[] } }>(
    '/records/:entity/query',
    { schema: { params: entityParams, body: queryBody } },
    async (request) => {
      const { total, ...body } = request.body ?? {};
      return records.list(request.params.entity, { ...body, withTotal: total ?? false }, requestActor(request));
    },
  );

  app.post<{ Params: { entity: string }; Body: unknown }>('/records/:entity', { schema: { params: entityParams } }, async (request, reply) => {
    const record = await records.create(request.params.entity, request.body, requestActor(request));
    return reply.status(201).header('etag', `"${record.version}"`).send(record);
  });

  app.post<{ Params: { entity: string }; Body: { records?: unknown } }>(
    '/records/:entity/bulk',
    { schema: { params: entityParams }, bodyLimit: 32 * 1024 * 1024 },
    async (request, reply) => {
      const input = request.body?.records;
      if (!Array.isArray(input)) {
        throw new CrmError('CRM_ERR_VALIDATION', { fields: [{ path: '/records', keyword: 'type', message: `must be a list of at most ${MAX_BULK_RECORDS} records` }] });
      }
      const created = await records.createMany(request.params.entity, input, requestActor(request));
      return reply.status(201).send({ data: created });
    },
  );

  app.get<{ Params: { entity: string; id: string }; Querystring: { fields?: string; expand?: string; trashed?: boolean } }>(
    '/records/:entity/:id',
    { schema: { params: recordParams, querystring: recordQuery } },
    async (request, reply) => {
      const record = await records.get(request.params.entity, request.params.id, {
        fields: commaList(request.query.fields),
        expand: commaList(request.query.expand),
        trashed: request.query.trashed ?? false,
      }, requestActor(request));
      return reply.header('etag', `"${record.version}"`).send(record);
    },
  );

  app.patch<{ Params: { entity: string; id: string }; Body: unknown }>(
    '/records/:entity/:id',
    { schema: { params: recordParams } },
    async (request, reply) => {
      const version = expectedVersion(request.headers['if-match'], request.body);
      const record = await records.update(request.params.entity, request.params.id, request.body, version, requestActor(request));
      return reply.header('etag', `"${record.version}"`).send(record);
    },
  );

  app.delete<{ Params: { entity: string; id: string } }>('/records/:entity/:id', { schema: { params: recordParams } }, async (request, reply) => {
    await records.remove(request.params.entity, request.params.id, expectedVersion(request.headers['if-match'], undefined), requestActor(request));
    return reply.status(204).send();
  });

  app.post<{ Params: { entity: string; id: string } }>('/records/:entity/:id/restore', { schema: { params: recordParams } }, async (request) =>
    records.restore(request.params.entity, request.params.id, requestActor(request)),
  );
}

/** The version the client edited: `If-Match: "3"` or `"version": 3` in the body. */
function expectedVersion(ifMatch: string | undefined, body: unknown): number | undefined {
  if (ifMatch) {
    const version = Number(ifMatch.replace(/^W\//, '').replace(/"/g, ''));
    if (!Number.isInteger(version) || version < 1) throw new CrmError('CRM_ERR_BAD_REQUEST', { params: { reason: 'If-Match must be a record version' } });
    return version;
  }
  const version = (body as { version?: unknown } | undefined)?.version;
  if (version === undefined) return undefined;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    throw new CrmError('CRM_ERR_VALIDATION', { fields: [{ path: '/version', keyword: 'type', message: 'must be an integer' }] });
  }
  return version;
}
