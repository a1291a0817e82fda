import type { FastifyInstance } from 'fastify';
import { requestActor } from '../../api/request-context.js';
import { requireAdmin } from '../auth/auth.plugin.js';
import { INDICATOR_AGGREGATES } from './scorecard-types.js';
import type { ScorecardInput, ScorecardsService } from './scorecards.service.js';

const localized = {
  type: 'object',
  additionalProperties: false,
  required: ['zh-CN', 'en', 'es'],
  properties: { 'zh-CN': { type: 'string', minLength: 1, maxLength: 200 }, en: { type: 'string', minLength: 1, maxLength: 200 }, es: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;
const fieldName = { type: 'string', pattern: '^[a-z][a-z0-9_]{0,59}$' } as const;
const history = {
  type: 'object',
  additionalProperties: false,
  required: ['entity', 'via', 'aggregate'],
  properties: {
    entity: fieldName, via: fieldName, aggregate: { enum: [...INDICATOR_AGGREGATES] }, field: fieldName, filter: { type: 'object' },
    windowDays: { type: 'integer', minimum: 1, maximum: 36600 }, dateField: fieldName,
  },
} as const;
const definition = {
  type: 'object',
  additionalProperties: false,
  required: ['indicators', 'thresholds', 'ratingField'],
  properties: {
    indicators: {
      type: 'array',
      minItems: 1,
      maxItems: 30,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'label', 'weight', 'source', 'scoring'],
        properties: {
          key: fieldName,
          label: localized,
          weight: { type: 'number', exclusiveMinimum: 0, maximum: 1000 },
          missingPoints: { type: 'number', minimum: 0, maximum: 100 },
          source: {
            oneOf: [
              { type: 'object', additionalProperties: false, required: ['kind', 'field'], properties: { kind: { const: 'field' }, field: fieldName } },
              { ...history, required: ['kind', ...history.required], properties: { kind: { const: 'history' }, ...history.properties } },
              { type: 'object', additionalProperties: false, required: ['kind', 'numerator', 'denominator'], properties: { kind: { const: 'ratio' }, numerator: history, denominator: history } },
            ],
          },
          scoring: {
            oneOf: [
              {
                type: 'object', additionalProperties: false, required: ['bands'],
                properties: { bands: { type: 'array', minItems: 1, maxItems: 20, items: { type: 'object', additionalProperties: false, required: ['points'], properties: { min: { type: 'number' }, max: { type: 'number' }, points: { type: 'number', minimum: 0, maximum: 100 } } } } },
              },
              { type: 'object', additionalProperties: false, required: ['linear'], properties: { linear: { type: 'object', additionalProperties: false, required: ['from', 'to'], properties: { from: { type: 'number' }, to: { type: 'number' } } } } },
              { type: 'object', additionalProperties: false, required: ['choices'], properties: { choices: { type: 'object', additionalProperties: { type: 'number', minimum: 0, maximum: 100 } } } },
            ],
          },
        },
      },
    },
    thresholds: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      items: { type: 'object', additionalProperties: false, required: ['rating', 'label', 'minScore'], properties: { rating: { type: 'string', minLength: 1, maxLength: 20 }, label: localized, minScore: { type: 'number', minimum: 0, maximum: 100 } } },
    },
    ratingField: fieldName,
    scoreField: fieldName,
  },
} as const;
const body = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'label', 'definition'],
  properties: { name: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,59}$' }, entity: { type: 'string', pattern: '^[a-z][a-z0-9_]{1,39}$' }, label: localized, definition, active: { type: 'boolean' } },
} as const;
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;

/** Scorecards (admin) and ratings: docs/reports.md, "Scorecards". */
export async function scorecardsRoutes(app: FastifyInstance, { scorecards }: { scorecards: ScorecardsService }): Promise<void> {
  app.get('/scorecards', async (request) => {
    requestActor(request);
    return { data: await scorecards.list() };
  });
  app.post<{ Body: ScorecardInput }>('/scorecards', { schema: { body } }, async (request, reply) => {
    requireAdmin(request);
    return reply.status(201).send(await scorecards.create(request.body));
  });
  app.get<{ Params: { id: string } }>('/scorecards/:id', { schema: { params: idParams } }, async (request) => {
    requestActor(request);
    return scorecards.get(request.params.id);
  });
  app.patch<{ Params: { id: string }; Body: Partial<ScorecardInput> }>(
    '/scorecards/:id',
    { schema: { params: idParams, body: { ...body, required: [], properties: { name: body.properties.name, label: localized, definition, active: { type: 'boolean' } } } } },
    async (request) => {
      requireAdmin(request);
      return scorecards.update(request.params.id, request.body);
    },
  );
  app.delete<{ Params: { id: string } }>('/scorecards/:id', { schema: { params: idParams } }, async (request, reply) => {
    requireAdmin(request);
    await scorecards.remove(request.params.id);
    return reply.status(204).send();
  });
  app.post<{ Params: { id: string }; Body: { ids?: string[] } | null }>(
    '/scorecards/:id/recompute',
    { schema: { params: idParams, body: { type: ['object', 'null'], additionalProperties: false, properties: { ids: { type: 'array', minItems: 1, maxItems: 1000, items: { type: 'string', format: 'uuid' } } } } } },
    async (request, reply) => {
      requireAdmin(request);
      const ids = request.body?.ids;
      if (ids) return { data: await scorecards.recompute(request.params.id, ids) };
      return reply.status(202).send(await scorecards.recomputeAll(request.params.id));
    },
  );
  app.get<{ Params: { entity: string; id: string } }>(
    '/records/:entity/:id/ratings',
    { schema: { params: { type: 'object', required: ['entity', 'id'], properties: { entity: { type: 'string', pattern: '^[a-z][a-z0-9_]{1,39}$' }, id: { type: 'string', maxLength: 64 } } } } },
    async (request) => ({ data: await scorecards.history(request.params.entity, request.params.id, requestActor(request)) }),
  );
}
