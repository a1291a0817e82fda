import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CrmError, type FieldError } from '../errors/crm-error.js';
import type { ErrorCode } from '../errors/error-catalog.js';
import { resolveLocale } from '../i18n/locale.js';
import { isSpaRoute } from './admin-ui.js';

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  fields: FieldError[];
  details?: Record<string, unknown>;
  requestId: string;
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'CRM_ERR_MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'CRM_ERR_MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'CRM_ERR_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'CRM_ERR_BAD_REQUEST',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'CRM_ERR_UNSUPPORTED_MEDIA_TYPE',
};

/** Maps every error to `{ code, message, fields }`; nothing but CRM_ERR_INTERNAL is a 5xx, and no stack leaves the server. */
export function registerErrorHandling(app: FastifyInstance, options: { spaFallback?: boolean } = {}): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const crmError = toCrmError(error, request);
    if (crmError.code === 'CRM_ERR_INTERNAL') request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, crmError);
  });
  app.setNotFoundHandler((request, reply) =>
    options.spaFallback && isSpaRoute(request.method, request.url)
      ? reply.sendFile('index.html')
      : sendError(request, reply, new CrmError('CRM_ERR_ROUTE_NOT_FOUND', { params: { method: request.method, url: request.url.split('?')[0] ?? '' } })),
  );
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: CrmError): FastifyReply {
  const body: ErrorBody = {
    code: error.code,
    message: error.localizedMessage(resolveLocale(request.headers['accept-language'])),
    fields: error.fields,
    requestId: request.id,
  };
  if (error.details) body.details = error.details;
  return reply.status(error.statusCode).type('application/json').send(body);
}

function toCrmError(error: FastifyError, request: FastifyRequest): CrmError {
  if (error instanceof CrmError) return error;
  if (error.validation) {
    const fields = error.validation.map((issue) => ({
      path: `/${error.validationContext ?? 'request'}${issue.instancePath}${missingProperty(issue.params)}`,
      keyword: issue.keyword,
      message: issue.message ?? issue.keyword,
    }));
    return new CrmError('CRM_ERR_BAD_REQUEST', { params: { reason: fields.map((f) => `${f.path} ${f.message}`).join('; ') }, fields });
  }
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (mapped) return new CrmError(mapped, { params: { reason: error.message } });
  if (typeof error.code === 'string' && /^22[0-9A-Z]{3}$/.test(error.code)) {
    // PostgreSQL "data exception": a value the database could not read, e.g. a forged cursor.
    return new CrmError('CRM_ERR_BAD_REQUEST', { params: { reason: 'a value in the request could not be read' } });
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new CrmError('CRM_ERR_BAD_REQUEST', { params: { reason: error.message } });
  }
  return new CrmError('CRM_ERR_INTERNAL', { params: { requestId: request.id } });
}

function missingProperty(params: Record<string, unknown>): string {
  const name = params.missingProperty ?? params.additionalProperty;
  return typeof name === 'string' ? `/${name}` : '';
}
