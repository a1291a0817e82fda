import { defineStore } from 'pinia';
import type { EntityDefinitionDocument } from '@crm/schemas';
import { ref } from 'vue';
import type { DefinitionDiff, DefinitionVersionSummary, EntityDescription } from '../api/api-types';
import { metaApi, type FieldChange, type NewField } from '../api/meta-api';
import { useMetadataStore } from './metadata.store';

/**
 * The field designer of one entity: its version history and the changes it sends. Every change
 * returns the new definition, which goes straight into the metadata store, so lists and forms
 * show it at once.
 */
export const useDesignerStore = defineStore('designer', () => {
  const metadata = useMetadataStore();
  const entity = ref('');
  const versions = ref<DefinitionVersionSummary[]>([]);
  const selectedVersion = ref<number | undefined>();
  const diff = ref<DefinitionDiff | undefined>();

  async function open(name: string): Promise<void> {
    entity.value = name;
    versions.value = [];
    diff.value = undefined;
    selectedVersion.value = undefined;
    await Promise.all([metadata.ensureDefinition(name, true), loadVersions()]);
  }

  async function loadVersions(): Promise<void> {
    versions.value = await metaApi.versions(entity.value);
  }

  /** The diff of `version` against the one before it (version 1 has nothing before it). */
  async function selectVersion(version: number): Promise<void> {
    selectedVersion.value = version;
    diff.value = version > 1 ? await metaApi.diff(entity.value, version - 1, version) : undefined;
  }

  async function applied(description: EntityDescription): Promise<void> {
    metadata.store(description);
    await loadVersions();
  }

  /** Adds a field; `showInList` also makes it a column of the list (a second version: the list layout). */
  async function addField(field: NewField, options: { showInList?: boolean } = {}): Promise<void> {
    const added = await metaApi.addField(entity.value, field);
    if (options.showInList) {
      const columns = added.definition['x-crm-list-columns'];
      const definition = { ...added.definition, 'x-crm-list-columns': [...columns.filter((c) => c !== field.name), field.name] };
      await applied(await metaApi.replaceDefinition(entity.value, definition));
    } else {
      await applied(added);
    }
  }
  /** Saves the whole definition: field order, form sections, list columns, title field. */
  const replaceDefinition = async (definition: EntityDefinitionDocument) => applied(await metaApi.replaceDefinition(entity.value, definition));
  const changeField = async (name: string, change: FieldChange) => applied(await metaApi.changeField(entity.value, name, change));
  const removeField = async (name: string) => applied(await metaApi.removeField(entity.value, name));
  const restoreField = async (name: string) => applied(await metaApi.restoreField(entity.value, name));

  /** Creates a new entity; the navigation learns of it at once. */
  async function createEntity(definition: EntityDefinitionDocument): Promise<EntityDescription> {
    const created = await metaApi.createEntity(definition);
    metadata.store(created);
    await metadata.loadEntities(true);
    return created;
  }

  return { entity, versions, selectedVersion, diff, open, selectVersion, addField, changeField, removeField, restoreField, replaceDefinition, createEntity };
});
