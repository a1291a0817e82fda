import type { EntityDefinitionDocument } from '@crm/schemas';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { EntityAccess, EntityDescription, EntitySummary } from '../api/api-types';
import { metaApi } from '../api/meta-api';

/** Entity definitions as the server has them: the navigation list and each definition, loaded once and refreshed after a change. */
export const useMetadataStore = defineStore('metadata', () => {
  const entities = ref<EntitySummary[]>([]);
  const definitions = ref<Record<string, EntityDefinitionDocument>>({});
  const versions = ref<Record<string, number>>({});
  const access = ref<Record<string, EntityAccess | undefined>>({});
  const inFlight = new Map<string, Promise<EntityDefinitionDocument>>();
  let entitiesLoad: Promise<EntitySummary[]> | undefined;

  function loadEntities(force = false): Promise<EntitySummary[]> {
    if (!entitiesLoad || force) {
      entitiesLoad = metaApi.entities().then((list) => (entities.value = list));
      entitiesLoad.catch(() => (entitiesLoad = undefined));
    }
    return entitiesLoad;
  }

  function ensureDefinition(name: string, force = false): Promise<EntityDefinitionDocument> {
    const known = definitions.value[name];
    if (known && !force) return Promise.resolve(known);
    let pending = inFlight.get(name);
    if (!pending || force) {
      pending = metaApi
        .entity(name)
        .then((description) => {
          store(description);
          return description.definition;
        })
        .finally(() => inFlight.delete(name));
      inFlight.set(name, pending);
    }
    return pending;
  }

  async function ensureAllDefinitions(): Promise<EntityDefinitionDocument[]> {
    const list = await loadEntities();
    return Promise.all(list.map((entity) => ensureDefinition(entity.name)));
  }

  /** Takes a definition the server just returned (after a designer change). */
  function store(description: EntityDescription): void {
    definitions.value = { ...definitions.value, [description.name]: description.definition };
    versions.value = { ...versions.value, [description.name]: description.version };
    if (description.access || !(description.name in access.value)) access.value = { ...access.value, [description.name]: description.access };
    const summary = entities.value.find((entity) => entity.name === description.name);
    if (summary) {
      summary.version = description.version;
      summary.label = description.definition['x-crm-label'];
      summary.labelPlural = description.definition['x-crm-label-plural'];
    }
  }

  /** Whether the user may `action` records of `entity` (true when the server reports no access, i.e. has no sign-in). */
  function may(entity: string, action: string): boolean {
    const known = access.value[entity];
    return known === undefined || known.actions.includes(action);
  }

  /** The title of a record (its `x-crm-title-field`), or its id when unknown. */
  function titleOf(entity: string, record: unknown): string {
    if (record === null || record === undefined) return '';
    if (typeof record !== 'object') return String(record);
    const definition = definitions.value[entity];
    // Unknown yet (a reference to an entity no screen has loaded): fetch it; the title follows.
    if (!definition && entity) void ensureDefinition(entity).catch(() => undefined);
    const titleField = definition?.['x-crm-title-field'];
    const values = record as Record<string, unknown>;
    const title = titleField ? values[titleField] : undefined;
    return title === undefined || title === null || title === '' ? String(values.id ?? '') : String(title);
  }

  return { entities, definitions, versions, access, may, loadEntities, ensureDefinition, ensureAllDefinitions, store, titleOf };
});
