// @crm/schemas: the shipped core entity definitions, the meta-schema they obey and the
// TypeScript contract for definition documents.

import { readFileSync } from 'node:fs';
import type { EntityDefinitionDocument } from './entity-definition.js';

export * from './entity-definition.js';
export * from './system-fields.js';
export * from './check-definition.js';

export const ENTITY_DEFINITION_META_SCHEMA_ID = 'https://crm.local/meta/entity-definition.schema.json';

/** Core entity names in dependency order: every entity comes after the entities it references. */
export const CORE_ENTITY_NAMES = [
  'company',
  'customer',
  'contact',
  'product',
  'opportunity',
  'quote',
  'order',
  'activity',
  'service_ticket',
] as const;
export type CoreEntityName = (typeof CORE_ENTITY_NAMES)[number];

function readJson(relativePath: string): unknown {
  return JSON.parse(readFileSync(new URL(relativePath, import.meta.url), 'utf8'));
}

/** The draft 2020-12 meta-schema every entity definition must pass (compile with Ajv2020 + ajv-formats). */
export const entityDefinitionMetaSchema = readJson('./meta/entity-definition.schema.json') as Readonly<Record<string, unknown>>;

/**
 * Parsed core entity definitions, in CORE_ENTITY_NAMES order. The cast is checked by
 * __tests__/entity-schemas.test.ts, which validates every document against the meta-schema.
 */
export const coreEntitySchemas: readonly EntityDefinitionDocument[] = CORE_ENTITY_NAMES.map(
  (name) => readJson(`./entities/${name}.schema.json`) as EntityDefinitionDocument,
);
