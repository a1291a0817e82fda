import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requestActor } from '../../api/request-context.js';
import { CrmError } from '../../errors/crm-error.js';
import { sendTable } from '../exports/exports.routes.js';
import { TABLE_FORMATS, type TableFormat } from '../exports/table-writer.js';
import { IMPORT_FORMATS, type ImportFormat } from './import-file.js';
import type { ImportPhase, RowError } from './import-runner.js';
import type { ImportsService, StartInput } from './imports.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;
const uploadQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['entity'],
  properties: {
    entity: { type: 'string', pattern: '^[a-z][a-z0-9_]{1,39}$' },
    fileName: { type: 'string', minLength: 1, maxLength: 255 },
    format: { enum: [...IMPORT_FORMATS] },
    encoding: { type: 'string', maxLength: 40 },
  },
} as const;
const startBody = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: {
    mapping: { type: 'object', maxProperties: 500, additionalProperties: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,59}$' } },
    mode: { enum: ['insert', 'upsert'] },
    key: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,59}$' },
  },
} as const;
const errorsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { phase: { enum: ['run', 'dry_run'] }, limit: { type: 'integer', minimum: 1, maximum: 1000 }, after: { type: 'integer', minimum: 0 } },
} as const;

/** Import API: docs/import-export.md. */
export async function importsRoutes(app: FastifyInstance, { imports }: { imports: ImportsService }): Promise<void> {
  // Uploads are raw file bodies of any type, streamed to the database as they arrive (this
  // parser is scoped to these routes; the rest of the API stays JSON only).
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  app.post<{ Querystring: { entity: string; fileName?: string; format?: ImportFormat; encoding?: string } }>(
    '/imports',
    { schema: { querystring: uploadQuery } },
    async (request, reply) => {
      const q = request.query;
      const fileName = q.fileName ?? headerFileName(request) ?? `upload.${q.format ?? 'csv'}`;
      const format = q.format ?? formatOf(request.headers['content-type'], fileName);
      const body = request.body as AsyncIterable<Buffer> | undefined;
      if (!body || typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function') {
        throw new CrmError('CRM_ERR_IMPORT_FILE_INVALID', { params: { reason: 'the request has no file' }, details: { row: 0 } });
      }
      const job = await imports.upload(q.entity, { name: fileName, format, encoding: q.encoding, body }, requestActor(request));
      return reply.status(201).send(job);
    },
  );
  app.get<{ Querystring: { entity?: string } }>(
    '/imports',
    { schema: { querystring: { type: 'object', additionalProperties: false, properties: { entity: { type: 'string', maxLength: 40 } } } } },
    async (request) => ({ data: await imports.list(request.query.entity, requestActor(request)) }),
  );
  app.get<{ Params: { id: string } }>('/imports/:id', { schema: { params: idParams } }, async (request) => imports.view(request.params.id, requestActor(request)));
  app.post<{ Params: { id: string }; Body: StartInput | null }>('/imports/:id/dry-run', { schema: { params: idParams, body: startBody } }, async (request, reply) =>
    reply.status(202).send(await imports.dryRun(request.params.id, request.body ?? {}, requestActor(request))),
  );
  app.post<{ Params: { id: string }; Body: StartInput | null }>('/imports/:id/start', { schema: { params: idParams, body: startBody } }, async (request, reply) =>
    reply.status(202).send(await imports.start(request.params.id, request.body ?? {}, requestActor(request))),
  );
  app.post<{ Params: { id: string } }>('/imports/:id/cancel', { schema: { params: idParams } }, async (request) => imports.cancel(request.params.id, requestActor(request)));
  app.delete<{ Params: { id: string } }>('/imports/:id', { schema: { params: idParams } }, async (request, reply) => {
    await imports.remove(request.params.id, requestActor(request));
    return reply.status(204).send();
  });
  app.get<{ Params: { id: string }; Querystring: { phase?: ImportPhase; limit?: number; after?: number } }>(
    '/imports/:id/errors',
    { schema: { params: idParams, querystring: errorsQuery } },
    async (request) => imports.errors(request.params.id, request.query.phase ?? 'run', request.query, requestActor(request)),
  );
  app.get<{ Params: { id: string }; Querystring: { phase?: ImportPhase; format?: TableFormat } }>(
    '/imports/:id/errors/export',
    { schema: { params: idParams, querystring: { type: 'object', additionalProperties: false, properties: { phase: { enum: ['run', 'dry_run'] }, format: { enum: [...TABLE_FORMATS] } } } } },
    async (request, reply) => {
      const actor = requestActor(request);
      const job = await imports.view(request.params.id, actor);
      const errors = imports.allErrors(job.id, request.query.phase ?? 'run', actor);
      async function* rows() {
        for await (const e of errors as AsyncIterable<RowError>) yield [e.row, e.column, e.field, e.code, e.message];
      }
      return sendTable(reply, request.query.format ?? 'csv', `import-errors-${job.entity}`, ['row', 'column', 'field', 'code', 'message'], rows());
    },
  );
}

function formatOf(contentType: string | undefined, fileName: string): ImportFormat {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/csv' || type === 'application/csv') return 'csv';
  if (type === XLSX) return 'xlsx';
  const extension = fileName.toLowerCase().split('.').pop();
  if (extension === 'csv' || extension === 'xlsx') return extension;
  throw new CrmError('CRM_ERR_IMPORT_FORMAT');
}

function headerFileName(request: FastifyRequest): string | undefined {
  const header = request.headers['x-file-name'];
  return typeof header === 'string' && header ? decodeURIComponent(header).slice(0, 255) : undefined;
}
