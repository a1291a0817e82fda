import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EntityDefinitionDocument, FieldSchema } from '@crm/schemas';
import { requestActor, requestLocale } from '../../api/request-context.js';
import { requireAdmin, requireUser } from '../auth/auth.plugin.js';
import { readPermission, requirePermission } from '../records/record-access.js';
import type { RecordActor } from '../records/record-types.js';
import type { EntityPermission } from '../auth/permissions.js';
import type { RecordIndexBuilder } from '../records/record-index-builder.js';
import type { DefinitionRegistry } from './definition-registry.js';
import type { EntityModel } from './entity-model.js';
import type { FieldConversion } from './field-change-check.js';
import { FIELD_TYPE_NAMES } from './field-types.js';
import type { MetadataService } from './metadata.service.js';

const entityParams = {
  type: 'object',
  required: ['entity'],
  properties: { entity: { type: 'string', pattern: '^[a-z][a-z0-9_]{1,39}$' } },
} as const;
const fieldParams = {
  type: 'object',
  required: ['entity', 'field'],
  properties: { ...entityParams.properties, field: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,62}$' } },
} as const;
const conversionSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { cast: { type: 'boolean' }, onInvalid: { enum: ['refuse', 'clear'] }, fill: {} },
} as const;
const addFieldBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'schema'],
  properties: { name: { type: 'string' }, required: { type: 'boolean' }, schema: { type: 'object' } },
} as const;
const changeFieldBody = {
  type: 'object',
  additionalProperties: false,
  properties: { schema: { type: 'object' }, required: { type: 'boolean' }, conversion: conversionSchema },
} as const;
const replaceBody = {
  type: 'object',
  additionalProperties: false,
  required: ['definition'],
  properties: { definition: { type: 'object' }, conversions: { type: 'object', additionalProperties: conversionSchema } },
} as const;

interface Deps {
  metadata: MetadataService;
  registry: DefinitionRegistry;
  indexes: RecordIndexBuilder;
}

/** An entity's current definition; fields the reader's roles hide are left out of it. */
export function describeEntity(model: EntityModel, reader?: RecordActor) {
  const permission = reader ? readPermission(reader, model) : undefined;
  const hidden = permission?.hidden ?? new Set<string>();
  const definition = hidden.size
    ? { ...model.document, properties: Object.fromEntries(Object.entries(model.document.properties).filter(([name]) => !hidden.has(name))) }
    : model.document;
  return { name: model.name, version: model.version, owner: model.owner, definition, access: permission ? describePermission(permission) : undefined };
}

function describePermission(permission: EntityPermission) {
  return { actions: [...permission.actions], scope: permission.scope, readOnly: [...permission.readOnly], limits: permission.limits };
}

/** Admin API for entity definitions: entities, fields, versions, diffs and index status. */
export async function metadataRoutes(app: FastifyInstance, { metadata, registry, indexes }: Deps): Promise<void> {
  const context = (request: FastifyRequest) => ({ locale: requestLocale(request), actorId: requireUser(request).userId, requestId: request.id });
  /** Changing an entity's definition needs the "configure" action on it (administrators have it). */
  const configuring = (request: FastifyRequest<{ Params: { entity: string } }>) => {
    requirePermission(requestActor(request), registry.get(request.params.entity), 'configure');
    return context(request);
  };

  app.get('/meta/field-types', async () => ({ data: FIELD_TYPE_NAMES }));

  app.get('/meta/entities', async (request) => ({
    data: registry.all().filter((model) => readPermission(requestActor(request), model)).map((model) => ({
      name: model.name,
      version: model.version,
      owner: model.owner,
      label: model.document['x-crm-label'],
      labelPlural: model.document['x-crm-label-plural'],
      fieldCount: model.fields.size,
    })),
  }));

  app.get<{ Params: { entity: string } }>('/meta/entities/:entity', { schema: { params: entityParams } }, async (request) =>
    describeEntity(registry.get(request.params.entity), requestActor(request)),
  );

  app.post<{ Body: EntityDefinitionDocument }>('/meta/entities', async (request, reply) => {
    requireAdmin(request);
    const [model] = await metadata.createEntities([request.body], 'custom', context(request));
    return reply.status(201).send(describeEntity(model!));
  });

  app.put<{ Params: { entity: string }; Body: { definition: EntityDefinitionDocument; conversions?: Record<string, FieldConversion> } }>(
    '/meta/entities/:entity',
    { schema: { params: entityParams, body: replaceBody } },
    async (request) =>
      describeEntity(await metadata.replaceDefinition(request.params.entity, request.body.definition, request.body.conversions ?? {}, configuring(request))),
  );

  app.post<{ Params: { entity: string }; Body: { name: string; required?: boolean; schema: FieldSchema } }>(
    '/meta/entities/:entity/fields',
    { schema: { params: entityParams, body: addFieldBody } },
    async (request, reply) => {
      const { name, required, schema } = request.body;
      const model = await metadata.addField(request.params.entity, name, schema, required ?? false, configuring(request));
      return reply.status(201).send(describeEntity(model));
    },
  );

  app.patch<{ Params: { entity: string; field: string }; Body: { schema?: Partial<FieldSchema>; required?: boolean; conversion?: FieldConversion } }>(
    '/meta/entities/:entity/fields/:field',
    { schema: { params: fieldParams, body: changeFieldBody } },
    async (request) => describeEntity(await metadata.changeField(request.params.entity, request.params.field, request.body, configuring(request))),
  );

  app.delete<{ Params: { entity: string; field: string } }>('/meta/entities/:entity/fields/:field', { schema: { params: fieldParams } }, async (request) =>
    describeEntity(await metadata.removeField(request.params.entity, request.params.field, configuring(request))),
  );

  app.post<{ Params: { entity: string; field: string } }>('/meta/entities/:entity/fields/:field/restore', { schema: { params: fieldParams } }, async (request) =>
    describeEntity(await metadata.restoreField(request.params.entity, request.params.field, configuring(request))),
  );

  app.post<{ Params: { entity: string; field: string } }>('/meta/entities/:entity/fields/:field/purge', { schema: { params: fieldParams } }, async (request) =>
    describeEntity(await metadata.purgeField(request.params.entity, request.params.field, configuring(request))),
  );

  app.get<{ Params: { entity: string } }>('/meta/entities/:entity/versions', { schema: { params: entityParams } }, async (request) => ({
    data: await metadata.versions(request.params.entity),
  }));

  app.get<{ Params: { entity: string; version: number } }>(
    '/meta/entities/:entity/versions/:version',
    { schema: { params: { ...entityParams, required: ['entity', 'version'], properties: { ...entityParams.properties, version: { type: 'integer', minimum: 1 } } } } },
    async (request) => metadata.version(request.params.entity, request.params.version),
  );

  app.get<{ Params: { entity: string }; Querystring: { from: number; to: number } }>(
    '/meta/entities/:entity/diff',
    {
      schema: {
        params: entityParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['from', 'to'],
          properties: { from: { type: 'integer', minimum: 1 }, to: { type: 'integer', minimum: 1 } },
        },
      },
    },
    async (request) => metadata.diff(request.params.entity, request.query.from, request.query.to),
  );

  app.get<{ Params: { entity: string } }>('/meta/entities/:entity/indexes', { schema: { params: entityParams } }, async (request) => {
    registry.get(request.params.entity);
    return { data: await indexes.status(request.params.entity) };
  });
}
