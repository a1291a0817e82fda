import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireAdmin } from '../auth/auth.plugin.js';
import { JOB_STATUSES, type JobListQuery } from './job-types.js';
import { MAX_JOB_PAGE, type JobsService } from './jobs.service.js';

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;
const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { enum: [...JOB_STATUSES] },
    name: { type: 'string', maxLength: 100 },
    key: { type: 'string', maxLength: 200 },
    limit: { type: 'integer', minimum: 1, maximum: MAX_JOB_PAGE },
    offset: { type: 'integer', minimum: 0 },
  },
} as const;

/** The administrators' view of the job queue: what is pending, what failed and why, and retry. */
export async function jobsRoutes(app: FastifyInstance, { jobs }: { jobs: JobsService }): Promise<void> {
  // Refuse non-admins before looking at their input.
  const preValidation = async (request: FastifyRequest) => {
    requireAdmin(request);
  };
  app.get<{ Querystring: JobListQuery }>('/jobs', { preValidation, schema: { querystring: listQuery } }, async (request) => jobs.list(request.query));
  app.get<{ Params: { id: string } }>('/jobs/:id', { preValidation, schema: { params: idParams } }, async (request) => jobs.get(request.params.id));
  app.post<{ Params: { id: string } }>('/jobs/:id/retry', { preValidation, schema: { params: idParams } }, async (request) =>
    jobs.retry(request.params.id),
  );
}
