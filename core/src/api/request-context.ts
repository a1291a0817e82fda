import type { FastifyRequest } from 'fastify';
import { resolveLocale, type Locale } from '../i18n/locale.js';
import type { RecordActor } from '../modules/records/record-types.js';
import { CrmError } from '../errors/crm-error.js';

export function requestLocale(request: FastifyRequest): Locale {
  return resolveLocale(request.headers['accept-language']);
}

/** The acting user of a request (the auth plugin has already refused requests without a session). */
export function requestActor(request: FastifyRequest): RecordActor {
  const user = request.user;
  if (!user) throw new CrmError('CRM_ERR_UNAUTHENTICATED');
  return { userId: user.userId, departmentId: user.departmentId, locale: requestLocale(request), requestId: request.id, access: user };
}

export function commaList(value: string | undefined): string[] | undefined {
  if (!value) return undefined;
  return value.split(',').map((part) => part.trim()).filter(Boolean);
}
