import type { FastifyRequest } from 'fastify';
import { resolveLocale, type Locale } from '../i18n/locale.js';
import type { RecordActor } from '../modules/records/record-types.js';

export function requestLocale(request: FastifyRequest): Locale {
  return resolveLocale(request.headers['accept-language']);
}

/** The acting user of a request. Sessions arrive with the auth module; until then requests are anonymous. */
export function requestActor(request: FastifyRequest): RecordActor {
  return { userId: null, departmentId: null, locale: requestLocale(request), requestId: request.id };
}

export function commaList(value: string | undefined): string[] | undefined {
  if (!value) return undefined;
  return value.split(',').map((part) => part.trim()).filter(Boolean);
}
