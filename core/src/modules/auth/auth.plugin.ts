import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { CrmError } from '../../errors/crm-error.js';
import { addSecurityHeaders } from './security-headers.js';
import type { SessionService } from './session.service.js';
import type { UserAccess } from './user-access.js';

declare module 'fastify' {
  interface FastifyRequest {
    user: UserAccess | null;
  }
}

export const SESSION_COOKIE = 'crm_session';

/** The only API routes that answer without a session. */
const PUBLIC_ROUTES = new Set(['POST /api/auth/sign-in', 'GET /api/health', 'GET /api/openapi.json']);

/**
 * Secure headers, cookies, and the session check in front of every API route: the user comes
 * from the httpOnly session cookie (browsers) or `Authorization: Bearer <token>` (API clients).
 */
export const authPlugin = fp(async (app: FastifyInstance, { sessions }: { sessions: SessionService }) => {
  addSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        'img-src': ["'self'", 'data:'],
        // 'unsafe-eval': the admin UI compiles the live JSON Schemas with ajv in the browser, which
        // generates its validators as code. Serving precompiled (standalone) validators would lift this.
        'script-src': ["'self'", "'unsafe-eval'"],
        'upgrade-insecure-requests': null,
      },
    },
  });
  await app.register(cookie);
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/api/') || PUBLIC_ROUTES.has(`${request.method} ${path}`)) return;
    const token = sessionToken(request);
    const user = token ? await sessions.accessForToken(token) : undefined;
    if (!user) throw new CrmError('CRM_ERR_UNAUTHENTICATED');
    request.user = user;
  });
});

function sessionToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  return request.cookies[SESSION_COOKIE];
}

export function requireUser(request: FastifyRequest): UserAccess {
  if (!request.user) throw new CrmError('CRM_ERR_UNAUTHENTICATED');
  return request.user;
}

export function requireAdmin(request: FastifyRequest): UserAccess {
  const user = requireUser(request);
  if (!user.isAdmin) throw new CrmError('CRM_ERR_ADMIN_ONLY');
  return user;
}
