import { defineEntity, p } from '@mikro-orm/core';
import type { EntityDefinitionDocument } from '@crm/schemas';
import type { DefinitionChange } from './definition-change.js';

/** An immutable snapshot of an entity's JSON Schema; every change writes a new one. */
export const EntityDefinitionVersionSchema = defineEntity({
  name: 'EntityDefinitionVersion',
  tableName: 'crm_entity_definition_version',
  properties: {
    entity: p.string().length(40).primary(),
    version: p.integer().primary(),
    schema: p.json<EntityDefinitionDocument>().columnType('json'),
    change: p.json<DefinitionChange>(),
    createdAt: p.datetime().onCreate(() => new Date()),
    createdBy: p.uuid().nullable(),
  },
});

export class EntityDefinitionVersion extends EntityDefinitionVersionSchema.class {}
EntityDefinitionVersionSchema.setClass(EntityDefinitionVersion);
