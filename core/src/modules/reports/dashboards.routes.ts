import type { FastifyInstance } from 'fastify';
import { commaList, requestActor } from '../../api/request-context.js';
import { requireAdmin } from '../auth/auth.plugin.js';
import { CHART_TYPES } from './dashboard-types.js';
import type { DashboardInput, DashboardsService } from './dashboards.service.js';
import type { RecordOverviewService } from './record-overview.js';
import { reportSpecSchema } from './report-spec.js';

const localized = {
  type: 'object',
  additionalProperties: false,
  required: ['zh-CN', 'en', 'es'],
  properties: { 'zh-CN': { type: 'string', minLength: 1, maxLength: 200 }, en: { type: 'string', minLength: 1, maxLength: 200 }, es: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;
const widget = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'chart', 'report'],
  properties: {
    id: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,59}$' },
    title: localized,
    chart: { enum: [...CHART_TYPES] },
    report: reportSpecSchema,
    layout: {
      type: 'object', additionalProperties: false, required: ['x', 'y', 'w', 'h'],
      properties: { x: { type: 'integer', minimum: 0, maximum: 11 }, y: { type: 'integer', minimum: 0 }, w: { type: 'integer', minimum: 1, maximum: 12 }, h: { type: 'integer', minimum: 1, maximum: 24 } },
    },
    options: { type: 'object' },
  },
} as const;
const dashboardBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'label', 'widgets'],
  properties: {
    name: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,59}$' },
    label: localized,
    roles: { type: 'array', uniqueItems: true, maxItems: 50, items: { type: 'string', maxLength: 60 } },
    widgets: { type: 'array', maxItems: 40, items: widget },
    position: { type: 'integer', minimum: 0, maximum: 10000 },
  },
} as const;
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;
const filters = { type: ['object', 'null'], additionalProperties: false, properties: { filters: { type: 'object', additionalProperties: { type: 'object' } } } } as const;

/** Dashboards per role and the record overview (customer 360): docs/reports.md. */
export async function dashboardsRoutes(app: FastifyInstance, { dashboards, overview }: { dashboards: DashboardsService; overview: RecordOverviewService }): Promise<void> {
  app.get('/dashboards', async (request) => ({ data: await dashboards.list(requestActor(request)) }));
  app.post<{ Body: DashboardInput }>('/dashboards', { schema: { body: dashboardBody } }, async (request, reply) => {
    requireAdmin(request);
    return reply.status(201).send(await dashboards.create(request.body));
  });
  app.get<{ Params: { id: string } }>('/dashboards/:id', { schema: { params: idParams } }, async (request) => dashboards.get(request.params.id, requestActor(request)));
  app.put<{ Params: { id: string }; Body: DashboardInput }>('/dashboards/:id', { schema: { params: idParams, body: dashboardBody } }, async (request) => {
    requireAdmin(request);
    return dashboards.replace(request.params.id, request.body);
  });
  app.delete<{ Params: { id: string } }>('/dashboards/:id', { schema: { params: idParams } }, async (request, reply) => {
    requireAdmin(request);
    await dashboards.remove(request.params.id);
    return reply.status(204).send();
  });
  app.post<{ Params: { id: string }; Body: { filters?: Record<string, unknown> } | null }>(
    '/dashboards/:id/data',
    { schema: { params: idParams, body: filters } },
    async (request) => dashboards.data(request.params.id, requestActor(request), request.body?.filters ?? {}),
  );
  app.post<{ Params: { id: string; widget: string }; Body: { filter?: unknown } | null }>(
    '/dashboards/:id/widgets/:widget/data',
    {
      schema: {
        params: { type: 'object', required: ['id', 'widget'], properties: { id: { type: 'string', format: 'uuid' }, widget: { type: 'string', maxLength: 60 } } },
        body: { type: ['object', 'null'], additionalProperties: false, properties: { filter: { type: 'object' } } },
      },
    },
    async (request) => dashboards.widgetData(request.params.id, request.params.widget, requestActor(request), request.body?.filter),
  );
  app.get<{ Params: { entity: string; id: string }; Querystring: { sum?: string } }>(
    '/records/:entity/:id/360',
    {
      schema: {
        params: { type: 'object', required: ['entity', 'id'], properties: { entity: { type: 'string', pattern: '^[a-z][a-z0-9_]{1,39}$' }, id: { type: 'string', maxLength: 64 } } },
        querystring: { type: 'object', additionalProperties: false, properties: { sum: { type: 'string', maxLength: 1000 } } },
      },
    },
    async (request) => overview.overview(request.params.entity, request.params.id, requestActor(request), commaList(request.query.sum)),
  );
}
