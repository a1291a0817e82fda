import type { FastifyInstance } from 'fastify';
import { commaList, requestActor } from '../../api/request-context.js';
import { parseFilterParam } from '../records/record-filter.js';
import type { GroupInput, GroupsService } from './groups.service.js';

const localized = {
  type: 'object',
  additionalProperties: false,
  required: ['zh-CN', 'en', 'es'],
  properties: { 'zh-CN': { type: 'string', minLength: 1, maxLength: 200 }, en: { type: 'string', minLength: 1, maxLength: 200 }, es: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;
const ids = { type: 'array', minItems: 1, maxItems: 5000, items: { type: 'string', format: 'uuid' } } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;
const name = { type: 'string', pattern: '^[a-z][a-z0-9_]{0,99}$' } as const;
const createBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'label', 'kind'],
  properties: {
    entity: { type: 'string', pattern: '^[a-z][a-z0-9_]{1,39}$' }, name, label: localized, kind: { enum: ['static', 'dynamic'] },
    filter: { type: 'object' }, members: ids,
  },
} as const;
const changeBody = { type: 'object', additionalProperties: false, properties: { name, label: localized, filter: { type: 'object' } } } as const;
const membersQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    filter: { type: 'string', maxLength: 20000 }, sort: { type: 'string', maxLength: 500 }, limit: { type: 'integer', minimum: 1, maximum: 500 },
    cursor: { type: 'string', maxLength: 4000 }, fields: { type: 'string', maxLength: 4000 }, total: { type: 'boolean' },
  },
} as const;
const resolveBody = {
  type: 'object',
  additionalProperties: false,
  required: ['groups'],
  properties: { groups: { ...ids, maxItems: 50 }, limit: { type: 'integer', minimum: 1, maximum: 10000 }, cursor: { type: 'string', format: 'uuid' } },
} as const;

/** Customer groups (and groups of any entity): docs/reports.md, "Segmentation". */
export async function groupsRoutes(app: FastifyInstance, { groups }: { groups: GroupsService }): Promise<void> {
  app.get<{ Querystring: { entity?: string } }>(
    '/groups',
    { schema: { querystring: { type: 'object', additionalProperties: false, properties: { entity: { type: 'string', maxLength: 40 } } } } },
    async (request) => ({ data: await groups.list(request.query.entity, requestActor(request)) }),
  );
  app.post<{ Body: GroupInput }>('/groups', { schema: { body: createBody } }, async (request, reply) =>
    reply.status(201).send(await groups.create(request.body, requestActor(request))),
  );
  app.post<{ Body: { groups: string[]; limit?: number; cursor?: string } }>('/groups/resolve', { schema: { body: resolveBody } }, async (request) =>
    groups.resolve(request.body.groups, request.body, requestActor(request)),
  );
  app.get<{ Params: { id: string } }>('/groups/:id', { schema: { params: idParams } }, async (request) => groups.get(request.params.id, requestActor(request)));
  app.patch<{ Params: { id: string }; Body: Partial<GroupInput> }>('/groups/:id', { schema: { params: idParams, body: changeBody } }, async (request) =>
    groups.update(request.params.id, request.body, requestActor(request)),
  );
  app.delete<{ Params: { id: string } }>('/groups/:id', { schema: { params: idParams } }, async (request, reply) => {
    await groups.remove(request.params.id, requestActor(request));
    return reply.status(204).send();
  });
  app.get<{ Params: { id: string }; Querystring: { filter?: string; sort?: string; limit?: number; cursor?: string; fields?: string; total?: boolean } }>(
    '/groups/:id/members',
    { schema: { params: idParams, querystring: membersQuery } },
    async (request) => {
      const q = request.query;
      return groups.members(request.params.id, {
        filter: parseFilterParam(q.filter), sort: q.sort, limit: q.limit, cursor: q.cursor, fields: commaList(q.fields), withTotal: q.total ?? false,
      }, requestActor(request));
    },
  );
  app.post<{ Params: { id: string }; Body: { ids: string[] } }>(
    '/groups/:id/members',
    { schema: { params: idParams, body: { type: 'object', additionalProperties: false, required: ['ids'], properties: { ids } } } },
    async (request) => groups.addMembers(request.params.id, request.body.ids, requestActor(request)),
  );
  app.post<{ Params: { id: string }; Body: { ids: string[] } }>(
    '/groups/:id/members/remove',
    { schema: { params: idParams, body: { type: 'object', additionalProperties: false, required: ['ids'], properties: { ids } } } },
    async (request) => groups.removeMembers(request.params.id, request.body.ids, requestActor(request)),
  );
  app.get<{ Params: { entity: string; id: string } }>(
    '/records/:entity/:id/groups',
    { schema: { params: { type: 'object', required: ['entity', 'id'], properties: { entity: { type: 'string', pattern: '^[a-z][a-z0-9_]{1,39}$' }, id: { type: 'string', maxLength: 64 } } } } },
    async (request) => ({ data: await groups.groupsOf(request.params.entity, request.params.id, requestActor(request)) }),
  );
}
