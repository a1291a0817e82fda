import type { FastifyInstance } from 'fastify';
import { requestActor } from '../../api/request-context.js';
import { sendTable } from '../exports/exports.routes.js';
import { TABLE_FORMATS, type Cell, type TableFormat } from '../exports/table-writer.js';
import { reportSpecSchema, type ReportResult, type ReportSpec, type ReportValue } from './report-spec.js';
import type { ReportsService } from './reports.service.js';

/** `POST /api/reports/query` and `POST /api/reports/export?format=csv|xlsx` (docs/reports.md). */
export async function reportsRoutes(app: FastifyInstance, { reports }: { reports: ReportsService }): Promise<void> {
  app.post<{ Body: ReportSpec }>('/reports/query', { schema: { body: reportSpecSchema } }, async (request) =>
    reports.query(request.body, requestActor(request)),
  );
  app.post<{ Body: ReportSpec; Querystring: { format?: TableFormat } }>(
    '/reports/export',
    { schema: { body: reportSpecSchema, querystring: { type: 'object', additionalProperties: false, properties: { format: { enum: [...TABLE_FORMATS] } } } } },
    async (request, reply) => {
      const actor = requestActor(request);
      const format = request.query.format ?? 'csv';
      const result = await reports.query(request.body, actor, 'export');
      const headers = result.columns.map((column) => column.label[actor.locale]);
      return sendTable(reply, format, `report-${result.entity}`, headers, reportRows(result));
    },
  );
}

async function* reportRows(result: ReportResult): AsyncIterable<Cell[]> {
  for (const row of result.rows) yield result.columns.map((column) => reportCell(row[column.key] ?? null));
}

function reportCell(value: ReportValue): Cell {
  if (value !== null && typeof value === 'object') return value.title ?? value.id;
  return value;
}
