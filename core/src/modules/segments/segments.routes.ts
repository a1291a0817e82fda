import type { FastifyInstance } from 'fastify';
import { requestActor } from '../../api/request-context.js';
import { requireAdmin } from '../auth/auth.plugin.js';
import type { RfmModelInput, RfmService } from './rfm.service.js';

const localized = {
  type: 'object',
  additionalProperties: false,
  required: ['zh-CN', 'en', 'es'],
  properties: { 'zh-CN': { type: 'string', minLength: 1, maxLength: 200 }, en: { type: 'string', minLength: 1, maxLength: 200 }, es: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;
const name = { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' } as const;
const range = { type: 'array', minItems: 2, maxItems: 2, items: { type: 'integer', minimum: 1, maximum: 10 } } as const;
const config = {
  type: 'object',
  additionalProperties: false,
  required: ['windowDays', 'bins'],
  properties: {
    orders: {
      type: 'object',
      additionalProperties: false,
      properties: {
        entity: { type: 'string', maxLength: 40 }, customerField: { type: 'string', maxLength: 60 }, dateField: { type: 'string', maxLength: 60 },
        amountField: { type: 'string', maxLength: 60 }, filter: { type: 'object' },
      },
    },
    windowDays: { type: 'integer', minimum: 1, maximum: 36600 },
    asOf: { type: 'string', format: 'date' },
    bins: {
      oneOf: [
        { type: 'object', additionalProperties: false, required: ['method', 'count'], properties: { method: { const: 'quantile' }, count: { type: 'integer', minimum: 2, maximum: 10 } } },
        {
          type: 'object',
          additionalProperties: false,
          required: ['method', 'recency', 'frequency', 'monetary'],
          properties: {
            method: { const: 'thresholds' },
            recency: { type: 'array', minItems: 1, maxItems: 9, items: { type: 'integer', minimum: 0 } },
            frequency: { type: 'array', minItems: 1, maxItems: 9, items: { type: 'integer', minimum: 1 } },
            monetary: { type: 'array', minItems: 1, maxItems: 9, items: { type: 'string', pattern: '^-?\\d{1,15}(\\.\\d{1,4})?$' } },
          },
        },
      ],
    },
    segments: {
      type: 'array',
      maxItems: 20,
      items: { type: 'object', additionalProperties: false, required: ['name', 'label'], properties: { name, label: localized, r: range, f: range, m: range } },
    },
    tiers: {
      type: 'array',
      maxItems: 10,
      items: { type: 'object', additionalProperties: false, required: ['name', 'label', 'minMonetary'], properties: { name, label: localized, minMonetary: { type: 'string', pattern: '^-?\\d{1,15}(\\.\\d{1,4})?$' } } },
    },
    fields: { type: 'object', additionalProperties: false, properties: { segment: { type: 'string' }, tier: { type: 'string' }, score: { type: 'string' } } },
  },
} as const;
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;

/** RFM models (admin), their runs and scores: docs/reports.md, "Segmentation". */
export async function segmentsRoutes(app: FastifyInstance, { rfm }: { rfm: RfmService }): Promise<void> {
  app.get('/segments/rfm', async (request) => {
    requestActor(request);
    return { data: await rfm.list() };
  });
  app.post<{ Body: RfmModelInput }>(
    '/segments/rfm',
    { schema: { body: { type: 'object', additionalProperties: false, required: ['name', 'label', 'config'], properties: { name, label: localized, config } } } },
    async (request, reply) => {
      requireAdmin(request);
      return reply.status(201).send(await rfm.create(request.body));
    },
  );
  app.get<{ Params: { id: string } }>('/segments/rfm/:id', { schema: { params: idParams } }, async (request) => {
    requestActor(request);
    return rfm.get(request.params.id);
  });
  app.patch<{ Params: { id: string }; Body: Partial<RfmModelInput> }>(
    '/segments/rfm/:id',
    { schema: { params: idParams, body: { type: 'object', additionalProperties: false, properties: { name, label: localized, config } } } },
    async (request) => {
      requireAdmin(request);
      return rfm.update(request.params.id, request.body);
    },
  );
  app.delete<{ Params: { id: string } }>('/segments/rfm/:id', { schema: { params: idParams } }, async (request, reply) => {
    requireAdmin(request);
    await rfm.remove(request.params.id);
    return reply.status(204).send();
  });
  app.post<{ Params: { id: string } }>('/segments/rfm/:id/run', { schema: { params: idParams } }, async (request) => {
    requireAdmin(request);
    return rfm.run(request.params.id, requestActor(request));
  });
  app.get<{ Params: { id: string }; Querystring: { segment?: string; tier?: string; limit?: number; cursor?: string } }>(
    '/segments/rfm/:id/scores',
    {
      schema: {
        params: idParams,
        querystring: {
          type: 'object', additionalProperties: false,
          properties: { segment: { type: 'string', maxLength: 40 }, tier: { type: 'string', maxLength: 40 }, limit: { type: 'integer', minimum: 1, maximum: 1000 }, cursor: { type: 'string', format: 'uuid' } },
        },
      },
    },
    async (request) => rfm.scores(request.params.id, request.query, requestActor(request)),
  );
}
