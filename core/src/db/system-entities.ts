import { EntityDefinition } from '../modules/metadata/entity-definition.entity.js';
import { EntityDefinitionVersion } from '../modules/metadata/entity-definition-version.entity.js';
import { RecordIndex } from '../modules/records/record-index.entity.js';

export const systemEntities = [EntityDefinition, EntityDefinitionVersion, RecordIndex];
