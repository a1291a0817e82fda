import type { FastifyInstance } from 'fastify';
import { requestActor } from '../../api/request-context.js';
import type { SavedViewChange, SavedViewInput, SavedViewsService } from './saved-views.service.js';

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;
const viewProperties = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  shared: { type: 'boolean' },
  filter: { type: ['object', 'null'] },
  sort: { type: ['string', 'null'], maxLength: 500 },
  columns: { type: 'array', maxItems: 200, uniqueItems: true, items: { type: 'string', maxLength: 63 } },
  kanbanField: { type: ['string', 'null'], maxLength: 63 },
} as const;
const createBody = {
  type: 'object',
  additionalProperties: false,
  required: ['entity', 'name'],
  properties: { entity: { type: 'string', pattern: '^[a-z][a-z0-9_]{1,39}$' }, ...viewProperties },
} as const;
const changeBody = { type: 'object', additionalProperties: false, properties: viewProperties } as const;
const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { entity: { type: 'string', pattern: '^[a-z][a-z0-9_]{1,39}$' } },
} as const;

/** Saved list views: `GET /views?entity=`, `POST /views`, `PATCH /views/:id`, `DELETE /views/:id`. */
export async function viewsRoutes(app: FastifyInstance, { views }: { views: SavedViewsService }): Promise<void> {
  app.get<{ Querystring: { entity?: string } }>('/views', { schema: { querystring: listQuery } }, async (request) => ({
    data: await views.list(requestActor(request), request.query.entity),
  }));

  app.post<{ Body: SavedViewInput }>('/views', { schema: { body: createBody } }, async (request, reply) =>
    reply.status(201).send(await views.create(requestActor(request), request.body)),
  );

  app.patch<{ Params: { id: string }; Body: SavedViewChange }>('/views/:id', { schema: { params: idParams, body: changeBody } }, async (request) =>
    views.update(requestActor(request), request.params.id, request.body),
  );

  app.delete<{ Params: { id: string } }>('/views/:id', { schema: { params: idParams } }, async (request, reply) => {
    await views.remove(requestActor(request), request.params.id);
    return reply.status(204).send();
  });
}
