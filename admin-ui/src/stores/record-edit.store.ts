import type { EntityDefinitionDocument } from '@crm/schemas';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { isApiError } from '../api/api-error';
import type { ApiRecord } from '../api/api-types';
import { recordsApi } from '../api/records-api';
import { visibleField } from '../metadata/definition';
import { changedValues, defaultValues, editableValues, same, type RecordValues } from '../metadata/record-values';
import { describeValuePath } from '../metadata/value-path';
import { cleanValues } from '../validation/clean-values';
import { groupByField, type FieldErrors, type PathProblem } from '../validation/field-errors';
import { validateRecord, type Translate } from '../validation/record-validator';
import { useMetadataStore } from './metadata.store';
import { cloneJson } from '../metadata/clone-json';

export type SaveOutcome = { status: 'saved'; record: ApiRecord } | { status: 'invalid' } | { status: 'conflict' } | { status: 'failed'; message: string };

/** The record being created or edited: the loaded values, the user's draft, errors, and a version conflict when one happens. */
export const useRecordEditStore = defineStore('record-edit', () => {
  const metadata = useMetadataStore();
  const entity = ref('');
  const id = ref<string | undefined>();
  const version = ref(0);
  const original = ref<RecordValues>({});
  const draft = ref<RecordValues>({});
  const errors = ref<FieldErrors>({});
  const saving = ref(false);
  /** The record as someone else saved it, when our PATCH hit a version conflict. */
  const conflict = ref<ApiRecord | undefined>();

  const definition = computed<EntityDefinitionDocument | undefined>(() => metadata.definitions[entity.value]);
  const isNew = computed(() => id.value === undefined);
  const changes = computed(() => changedValues(original.value, draft.value));
  const dirty = computed(() => Object.keys(changes.value).length > 0);

  function reset(values: RecordValues): void {
    original.value = cloneJson(values);
    draft.value = cloneJson(values);
    errors.value = {};
    conflict.value = undefined;
  }

  /** Loads the record to edit, or starts a new one from the defaults and `prefill` (e.g. the customer of a related list). */
  async function start(entityName: string, recordId?: string, prefill: RecordValues = {}): Promise<void> {
    entity.value = entityName;
    id.value = recordId;
    reset({});
    const def = await metadata.ensureDefinition(entityName);
    if (recordId === undefined) {
      version.value = 0;
      const known = Object.fromEntries(Object.entries(prefill).filter(([name]) => visibleField(def, name)));
      reset({ ...defaultValues(def), ...known });
      return;
    }
    const record = await recordsApi.get(entityName, recordId);
    version.value = record.version;
    reset(editableValues(def, record));
  }

  function setValue(name: string, value: unknown): void {
    draft.value = { ...draft.value, [name]: value };
    if (errors.value[name]) {
      const { [name]: _cleared, ...rest } = errors.value;
      errors.value = rest;
    }
  }

  function showProblems(problems: PathProblem[], locale: string): void {
    const def = definition.value!;
    errors.value = groupByField(problems, (field, rest) => describeValuePath(def, field, rest, locale));
  }

  /** Client-side check with the definition's JSON Schema; true when the draft may be sent. */
  function validate(locale: string, translate: Translate): boolean {
    const problems = validateRecord(definition.value!, draft.value, locale, translate);
    showProblems(problems, locale);
    return problems.length === 0;
  }

  async function save(locale: string, translate: Translate): Promise<SaveOutcome> {
    if (!validate(locale, translate)) return { status: 'invalid' };
    saving.value = true;
    try {
      const record = isNew.value
        ? await recordsApi.create(entity.value, cleanValues(draft.value))
        : await recordsApi.update(entity.value, id.value!, version.value, changes.value);
      id.value = record.id;
      version.value = record.version;
      reset(editableValues(definition.value!, record));
      return { status: 'saved', record };
    } catch (caught) {
      if (isApiError(caught, 'CRM_ERR_VERSION_CONFLICT')) {
        conflict.value = caught.details.current as ApiRecord;
        return { status: 'conflict' };
      }
      if (isApiError(caught) && caught.fields.length) {
        showProblems(caught.fields, locale);
        return { status: 'invalid' };
      }
      return { status: 'failed', message: caught instanceof Error ? caught.message : String(caught) };
    } finally {
      saving.value = false;
    }
  }

  /** Conflict resolved by dropping our edits for the version someone else saved. */
  function takeTheirs(): void {
    const current = conflict.value;
    if (!current) return;
    version.value = current.version;
    reset(editableValues(definition.value!, current));
  }

  /** Conflict resolved by saving our edits on top of their version. */
  function keepMine(locale: string, translate: Translate): Promise<SaveOutcome> {
    const current = conflict.value;
    if (current) {
      version.value = current.version;
      // Our changes stay relative to what we loaded; fields we did not touch keep their new values.
      const theirs = editableValues(definition.value!, current);
      const mine = changes.value;
      original.value = theirs;
      draft.value = { ...theirs, ...Object.fromEntries(Object.entries(mine).map(([k, v]) => [k, v ?? undefined])) };
      conflict.value = undefined;
    }
    return save(locale, translate);
  }

  function isUnchanged(name: string): boolean {
    return same(original.value[name], draft.value[name]);
  }

  return {
    entity, id, version, original, draft, errors, saving, conflict, definition, isNew, changes, dirty,
    start, setValue, validate, save, takeTheirs, keepMine, isUnchanged,
  };
});
