import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { CrmError } from '../../errors/crm-error.js';
import { requireUser, SESSION_COOKIE } from './auth.plugin.js';
import type { SessionService } from './session.service.js';
import type { UserAccess } from './user-access.js';
import { SUPPORTED_LOCALES, type Locale } from '../../i18n/locale.js';

const signInBody = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'password'],
  properties: { username: { type: 'string', minLength: 1, maxLength: 60 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

const passwordBody = {
  type: 'object',
  additionalProperties: false,
  required: ['current', 'next'],
  properties: { current: { type: 'string', maxLength: 200 }, next: { type: 'string', maxLength: 200 } },
} as const;

const meBody = {
  type: 'object',
  additionalProperties: false,
  required: ['locale'],
  properties: { locale: { type: ['string', 'null'], enum: [...SUPPORTED_LOCALES, null] } },
} as const;

export function describeUser(user: UserAccess) {
  return {
    id: user.userId,
    username: user.username,
    displayName: user.displayName,
    departmentId: user.departmentId,
    locale: user.locale,
    roles: user.roles,
    isAdmin: user.isAdmin,
  };
}

/** Sign-in, sign-out, the current user, password change. */
export async function authRoutes(app: FastifyInstance, { sessions }: { sessions: SessionService }): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new CrmError('CRM_ERR_TOO_MANY_REQUESTS'),
  });

  app.post<{ Body: { username: string; password: string } }>(
    '/auth/sign-in',
    { schema: { body: signInBody }, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const { token, user, expiresAt } = await sessions.signIn(request.body.username, request.body.password, request.id);
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        expires: expiresAt,
      });
      return { token, expiresAt: expiresAt.toISOString(), user: { ...describeUser(user), ...(await sessions.profile(user)) } };
    },
  );

  app.post('/auth/sign-out', async (request, reply) => {
    const user = requireUser(request);
    if (user.sessionId) await sessions.signOut(user.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/auth/me', async (request) => {
    const user = requireUser(request);
    return { ...describeUser(user), ...(await sessions.profile(user)) };
  });

  // The signed-in user's own settings (today: the UI language, remembered across devices).
  app.patch<{ Body: { locale: Locale | null } }>('/auth/me', { schema: { body: meBody } }, async (request) => {
    const user = requireUser(request);
    await sessions.setLocale(user, request.body.locale);
    return { ...describeUser({ ...user, locale: request.body.locale }), ...(await sessions.profile(user)) };
  });

  app.post<{ Body: { current: string; next: string } }>('/auth/password', { schema: { body: passwordBody } }, async (request, reply) => {
    await sessions.changePassword(requireUser(request), request.body.current, request.body.next, request.id);
    return reply.status(204).send();
  });
}
