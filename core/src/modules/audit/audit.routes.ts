import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Orm } from '../../db/create-orm.js';
import type { RecordsService } from '../records/records.service.js';
import type { DefinitionRegistry } from '../metadata/definition-registry.js';
import { recordHistory } from './audit-trail.js';
import { SYSTEM_COLUMNS } from '../records/field-sql.js';
import { requestActor } from '../../api/request-context.js';
import { requirePermission, visibleModel } from '../records/record-access.js';

const params = {
  type: 'object',
  required: ['entity', 'id'],
  properties: { entity: { type: 'string', pattern: '^[a-z][a-z0-9_]{1,39}$' }, id: { type: 'string', maxLength: 64 } },
} as const;

interface Deps {
  orm: Orm;
  registry: DefinitionRegistry;
  records: RecordsService;
}

/** A record's history, oldest first; only fields the entity still shows are listed. Read-only by design. */
export async function auditRoutes(app: FastifyInstance, { orm, registry, records }: Deps): Promise<void> {
  app.get<{ Params: { entity: string; id: string } }>('/records/:entity/:id/history', { schema: { params } }, async (request) => {
    const { entity, id } = request.params;
    const actor = requestActor(request);
    await records.get(entity, id, { trashed: false }, actor).catch(async () => records.get(entity, id, { trashed: true }, actor));
    const model = visibleModel(registry.get(entity), requirePermission(actor, registry.get(entity), 'read'));
    const entries = await recordHistory(orm.em.fork().getKysely() as Kysely<unknown>, entity, id);
    return {
      data: entries.map((entry) => ({
        ...entry,
        changes: Object.fromEntries(Object.entries(entry.changes).filter(([field]) => model.fields.has(field) || Object.hasOwn(SYSTEM_COLUMNS, field))),
      })),
    };
  });
}
