import Fastify, { type FastifyInstance } from 'fastify';
import { uuidv7 } from './shared/uuid-v7.js';
import { serveAdminUi } from './api/admin-ui.js';
import { trackRoutes } from './api/route-table.js';
import { registerErrorHandling } from './api/error-handler.js';
import type { Core } from './core.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { authPlugin } from './modules/auth/auth.plugin.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { organisationRoutes } from './modules/auth/organisation.routes.js';
import { metadataRoutes } from './modules/metadata/metadata.routes.js';
import { openApiRoutes } from './modules/openapi/openapi.routes.js';
import { recordsRoutes } from './modules/records/records.routes.js';
import { jobsRoutes } from './modules/jobs/jobs.routes.js';
import { notificationsRoutes } from './modules/notifications/notifications.routes.js';
import { outboxRoutes } from './modules/notifications/outbox.routes.js';
import { searchRoutes } from './modules/search/search.routes.js';
import { viewsRoutes } from './modules/views/views.routes.js';
import { exportsRoutes } from './modules/exports/exports.routes.js';
import { reportsRoutes } from './modules/reports/reports.routes.js';
import { groupsRoutes } from './modules/segments/groups.routes.js';
import { segmentsRoutes } from './modules/segments/segments.routes.js';
import { importsRoutes } from './modules/imports/imports.routes.js';
import { scorecardsRoutes } from './modules/scorecards/scorecards.routes.js';
import { dashboardsRoutes } from './modules/reports/dashboards.routes.js';

export const API_VERSION = '0.1.0';

export interface AppOptions {
  logger?: boolean | { level: string };
  /** Serve the built admin UI (admin-ui/dist) at `/`. */
  serveUi?: boolean;
}

/** Builds the HTTP app without listening (tests use `app.inject()`). */
export async function buildApp(core: Core, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : uuidv7();
    },
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: true, allowUnionTypes: true } },
  });
  // The API speaks JSON only: drop Fastify's built-in text/plain parser so such bodies get a 415.
  app.removeContentTypeParser('text/plain');
  trackRoutes(app);
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  const uiServed = options.serveUi ? await serveAdminUi(app) : false;
  registerErrorHandling(app, { spaFallback: uiServed });
  await app.register(authPlugin, { sessions: core.sessions });
  app.get('/api/health', async () => ({ status: 'ok' }));
  await app.register(
    async (api) => {
      await api.register(authRoutes, { sessions: core.sessions });
      await api.register(organisationRoutes, { organisation: core.organisation });
      await api.register(metadataRoutes, { metadata: core.metadata, registry: core.registry, indexes: core.indexes });
      await api.register(exportsRoutes, { records: core.records, registry: core.registry });
      await api.register(recordsRoutes, { records: core.records });
      await api.register(reportsRoutes, { reports: core.reports });
      await api.register(groupsRoutes, { groups: core.groups });
      await api.register(segmentsRoutes, { rfm: core.rfm });
      await api.register(importsRoutes, { imports: core.imports });
      await api.register(scorecardsRoutes, { scorecards: core.scorecards });
      await api.register(dashboardsRoutes, { dashboards: core.dashboards, overview: core.overview });
      await api.register(auditRoutes, { orm: core.orm, registry: core.registry, records: core.records });
      await api.register(viewsRoutes, { views: core.views });
      await api.register(searchRoutes, { search: core.search });
      await api.register(openApiRoutes, { registry: core.registry, version: API_VERSION });
      await api.register(jobsRoutes, { jobs: core.jobs });
      await api.register(notificationsRoutes, { notifications: core.notifications });
      await api.register(outboxRoutes, { outbox: core.outbox });
    },
    { prefix: '/api' },
  );
  return app;
}
