import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireAdmin } from '../auth/auth.plugin.js';
import type { OutboxListQuery } from './notification-types.js';
import { MAX_OUTBOX_PAGE, type OutboxService } from './outbox.service.js';

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;
const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { enum: ['pending', 'sent', 'failed'] },
    channel: { type: 'string', maxLength: 40 },
    userId: { type: 'string', format: 'uuid' },
    limit: { type: 'integer', minimum: 1, maximum: MAX_OUTBOX_PAGE },
    offset: { type: 'integer', minimum: 0 },
  },
} as const;

/** Administrators see every outgoing message and its delivery state, and can send a failed one again. */
export async function outboxRoutes(app: FastifyInstance, { outbox }: { outbox: OutboxService }): Promise<void> {
  const preValidation = async (request: FastifyRequest) => {
    requireAdmin(request);
  };
  app.get<{ Querystring: OutboxListQuery }>('/outbox', { preValidation, schema: { querystring: listQuery } }, async (request) => outbox.list(request.query));
  app.get<{ Params: { id: string } }>('/outbox/:id', { preValidation, schema: { params: idParams } }, async (request) => outbox.get(request.params.id));
  app.post<{ Params: { id: string } }>('/outbox/:id/retry', { preValidation, schema: { params: idParams } }, async (request) =>
    outbox.retry(request.params.id),
  );
}
