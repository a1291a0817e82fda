import type { EntityDefinitionDocument, FieldSchema, FieldType } from '@crm/schemas';
import type { DefinitionDiff, DefinitionVersionSummary, EntityDescription, EntitySummary, FieldConversion } from './api-types';
import { http } from './http';

const entityPath = (entity: string) => `/meta/entities/${encodeURIComponent(entity)}`;
const fieldPath = (entity: string, field: string) => `${entityPath(entity)}/fields/${encodeURIComponent(field)}`;

export interface NewField {
  name: string;
  required?: boolean;
  schema: Partial<FieldSchema> & Pick<FieldSchema, 'x-crm-type' | 'x-crm-label'>;
}

export interface FieldChange {
  schema?: Partial<FieldSchema>;
  required?: boolean;
  conversion?: FieldConversion;
}

export const metaApi = {
  async fieldTypes(): Promise<FieldType[]> {
    return (await http<{ data: FieldType[] }>('GET', '/meta/field-types')).data;
  },
  async entities(): Promise<EntitySummary[]> {
    return (await http<{ data: EntitySummary[] }>('GET', '/meta/entities')).data;
  },
  entity: (entity: string) => http<EntityDescription>('GET', entityPath(entity)),
  createEntity: (definition: EntityDefinitionDocument) => http<EntityDescription>('POST', '/meta/entities', { body: definition }),
  /** Replaces the whole definition (field order, sections, list columns); a left-out field is removed, not dropped. */
  replaceDefinition: (entity: string, definition: EntityDefinitionDocument) =>
    http<EntityDescription>('PUT', entityPath(entity), { body: { definition } }),
  addField: (entity: string, field: NewField) => http<EntityDescription>('POST', `${entityPath(entity)}/fields`, { body: field }),
  changeField: (entity: string, field: string, change: FieldChange) => http<EntityDescription>('PATCH', fieldPath(entity, field), { body: change }),
  removeField: (entity: string, field: string) => http<EntityDescription>('DELETE', fieldPath(entity, field)),
  restoreField: (entity: string, field: string) => http<EntityDescription>('POST', `${fieldPath(entity, field)}/restore`),
  async versions(entity: string): Promise<DefinitionVersionSummary[]> {
    return (await http<{ data: DefinitionVersionSummary[] }>('GET', `${entityPath(entity)}/versions`)).data;
  },
  diff: (entity: string, from: number, to: number) => http<DefinitionDiff>('GET', `${entityPath(entity)}/diff`, { query: { from, to } }),
};
