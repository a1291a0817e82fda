import { coreEntitySchemas } from '@crm/schemas';
import type { DefinitionRegistry } from './definition-registry.js';
import type { MetadataService } from './metadata.service.js';

/** Creates the shipped core entities that the database does not have yet. */
export async function ensureCoreEntities(metadata: MetadataService, registry: DefinitionRegistry): Promise<void> {
  const missing = coreEntitySchemas.filter((document) => !registry.has(document['x-crm-entity']));
  if (missing.length) await metadata.createEntities([...missing], 'core', { locale: 'en', actorId: null });
}
