import { defineEntity, p } from '@mikro-orm/core';

/** One row per entity: points at the version that is in force. */
export const EntityDefinitionSchema = defineEntity({
  name: 'EntityDefinition',
  tableName: 'crm_entity_definition',
  properties: {
    name: p.string().length(40).primary(),
    currentVersion: p.integer(),
    owner: p.string().length(100),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export class EntityDefinition extends EntityDefinitionSchema.class {}
EntityDefinitionSchema.setClass(EntityDefinition);
