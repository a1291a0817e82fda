import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requestLocale } from '../../api/request-context.js';
import type { Locale } from '../../i18n/locale.js';
import { requireUser } from '../auth/auth.plugin.js';
import { asLocale } from './message-input.js';
import { MAX_NOTIFICATION_PAGE, type NotificationService } from './notification.service.js';

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;
const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    unread: { type: 'boolean' },
    limit: { type: 'integer', minimum: 1, maximum: MAX_NOTIFICATION_PAGE },
    offset: { type: 'integer', minimum: 0 },
  },
} as const;

/** The reader's language: their own setting, else the request's Accept-Language. */
function readerLocale(request: FastifyRequest): Locale {
  return asLocale(request.user?.locale) ?? requestLocale(request);
}

/** The signed-in user's own notifications; nobody reads or marks anyone else's. */
export async function notificationsRoutes(app: FastifyInstance, { notifications }: { notifications: NotificationService }): Promise<void> {
  app.get<{ Querystring: { unread?: boolean; limit?: number; offset?: number } }>(
    '/notifications',
    { schema: { querystring: listQuery } },
    async (request) => notifications.list(requireUser(request).userId, readerLocale(request), request.query),
  );
  app.post('/notifications/read-all', async (request) => ({ updated: await notifications.markAllRead(requireUser(request).userId) }));
  app.post<{ Params: { id: string } }>('/notifications/:id/read', { schema: { params: idParams } }, async (request) =>
    notifications.markRead(requireUser(request).userId, request.params.id, readerLocale(request)),
  );
}
