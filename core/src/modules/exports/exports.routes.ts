import type { FastifyInstance, FastifyReply } from 'fastify';
import { commaList, requestActor } from '../../api/request-context.js';
import type { DefinitionRegistry } from '../metadata/definition-registry.js';
import { parseFilterParam } from '../records/record-filter.js';
import type { RecordsService } from '../records/records.service.js';
import { exportRecords, type RecordExportQuery } from './record-export.js';
import { attachmentName, CONTENT_TYPES, tableStream, TABLE_FORMATS, type Cell, type TableFormat } from './table-writer.js';

const entityParams = {
  type: 'object',
  required: ['entity'],
  properties: { entity: { type: 'string', pattern: '^[a-z][a-z0-9_]{1,39}$' } },
} as const;
const common = {
  format: { enum: [...TABLE_FORMATS] },
  sort: { type: 'string', maxLength: 500 },
  header: { enum: ['label', 'name'] },
  trashed: { type: 'boolean' },
} as const;
const exportQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { ...common, filter: { type: 'string', maxLength: 20000 }, fields: { type: 'string', maxLength: 4000 } },
} as const;
const exportBody = {
  type: 'object',
  additionalProperties: false,
  properties: { ...common, filter: { type: 'object' }, fields: { type: 'array', items: { type: 'string' }, maxItems: 200 } },
} as const;

type Common = { format?: TableFormat; sort?: string; header?: 'label' | 'name'; trashed?: boolean };

/** Streams a file download; the caller has already done everything that may refuse. */
export function sendTable(reply: FastifyReply, format: TableFormat, base: string, headers: string[], rows: AsyncIterable<Cell[]>): FastifyReply {
  return reply
    .header('content-type', CONTENT_TYPES[format])
    .header('content-disposition', `attachment; filename="${attachmentName(base, format)}"`)
    .header('cache-control', 'no-store')
    .send(tableStream(format, headers, rows, base));
}

/** `GET|POST /api/records/:entity/export`: the filtered list as CSV or XLSX. */
export async function exportsRoutes(app: FastifyInstance, { records, registry }: { records: RecordsService; registry: DefinitionRegistry }): Promise<void> {
  const run = async (reply: FastifyReply, entity: string, format: TableFormat, query: RecordExportQuery, actor: ReturnType<typeof requestActor>) => {
    const { headers, rows } = await exportRecords(records, registry, entity, query, format, actor);
    return sendTable(reply, format, entity, headers, rows);
  };
  app.get<{ Params: { entity: string }; Querystring: Common & { filter?: string; fields?: string } }>(
    '/records/:entity/export',
    { schema: { params: entityParams, querystring: exportQuery } },
    async (request, reply) => {
      const q = request.query;
      const query: RecordExportQuery = { filter: parseFilterParam(q.filter), sort: q.sort, fields: commaList(q.fields), header: q.header, trashed: q.trashed };
      return run(reply, request.params.entity, q.format ?? 'csv', query, requestActor(request));
    },
  );
  app.post<{ Params: { entity: string }; Body: Common & { filter?: unknown; fields?: string[] } }>(
    '/records/:entity/export',
    { schema: { params: entityParams, body: exportBody } },
    async (request, reply) => {
      const { format, ...query } = request.body ?? {};
      return run(reply, request.params.entity, format ?? 'csv', query, requestActor(request));
    },
  );
}
