import type { FastifyInstance } from 'fastify';
import type { DefinitionRegistry } from '../metadata/definition-registry.js';
import { buildOpenApiDocument } from './openapi-document.js';

export async function openApiRoutes(app: FastifyInstance, { registry, version }: { registry: DefinitionRegistry; version: string }): Promise<void> {
  let cached: string | undefined;
  registry.onChange(() => {
    cached = undefined;
  });
  app.get('/openapi.json', async (_request, reply) => {
    cached ??= JSON.stringify(buildOpenApiDocument(registry.all(), version));
    return reply.type('application/json').send(cached);
  });
}
