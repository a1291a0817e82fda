import type { FastifyInstance } from 'fastify';
import { commaList, requestActor } from '../../api/request-context.js';
import { MAX_SEARCH_PER_ENTITY, type SearchService } from './search.service.js';

const searchQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['q'],
  properties: {
    q: { type: 'string', minLength: 1, maxLength: 200 },
    limit: { type: 'integer', minimum: 1, maximum: MAX_SEARCH_PER_ENTITY },
    entities: { type: 'string', maxLength: 1000 },
  },
} as const;

/** `GET /search?q=text[&limit=5][&entities=customer,contact]`: records of every readable entity, grouped. */
export async function searchRoutes(app: FastifyInstance, { search }: { search: SearchService }): Promise<void> {
  app.get<{ Querystring: { q: string; limit?: number; entities?: string } }>('/search', { schema: { querystring: searchQuery } }, async (request) => {
    const text = request.query.q.trim();
    if (!text) return { data: [] };
    return { data: await search.search(requestActor(request), text, { limit: request.query.limit ?? 5, entities: commaList(request.query.entities) }) };
  });
}
