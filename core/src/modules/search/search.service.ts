import type { LocalizedText } from '@crm/schemas';
import type { DefinitionRegistry } from '../metadata/definition-registry.js';
import type { EntityModel, FieldModel } from '../metadata/entity-model.js';
import { readPermission, visibleModel } from '../records/record-access.js';
import type { RecordsService } from '../records/records.service.js';
import type { RecordActor } from '../records/record-types.js';

export const MAX_SEARCH_PER_ENTITY = 20;

/** Field types a text search can look into (`_contains`, case-insensitive). */
const TEXT_TYPES = new Set(['text', 'longtext', 'email', 'phone', 'url']);

export interface SearchHit {
  id: string;
  title: string;
  /** The searchable fields that contain the text, with their values. */
  matches: Record<string, string>;
}

export interface SearchGroup {
  entity: string;
  label: LocalizedText;
  labelPlural: LocalizedText;
  hits: SearchHit[];
  hasMore: boolean;
}

/**
 * Searches every entity the actor may read, in the fields marked `x-crm-searchable` (and the
 * title field), through the records service: scope, hidden fields and read permission apply
 * exactly as they do to lists. Hidden fields are neither searched nor returned.
 */
export class SearchService {
  constructor(
    private readonly registry: DefinitionRegistry,
    private readonly records: RecordsService,
  ) {}

  /** The searchable fields of an entity as the actor sees it. */
  static searchableFields(model: EntityModel): FieldModel[] {
    return [...model.fields.values()].filter(
      (field) => TEXT_TYPES.has(field.type) && (field.schema['x-crm-searchable'] === true || field.name === model.titleField),
    );
  }

  async search(actor: RecordActor, text: string, options: { limit: number; entities?: string[] }): Promise<SearchGroup[]> {
    const wanted = options.entities ? new Set(options.entities) : undefined;
    const groups: SearchGroup[] = [];
    for (const stored of this.registry.all()) {
      if (wanted && !wanted.has(stored.name)) continue;
      const permission = readPermission(actor, stored);
      if (!permission) continue;
      const model = visibleModel(stored, permission);
      const fields = SearchService.searchableFields(model);
      if (fields.length === 0) continue;
      const titleField = model.titleField && model.fields.has(model.titleField) ? model.titleField : undefined;
      const page = await this.records.list(
        model.name,
        {
          filter: { _or: fields.map((field) => ({ [field.name]: { _contains: text } })) },
          // Newest first along the primary key (ids are time-ordered): no sort of all matches.
          sort: '-id',
          limit: options.limit,
          fields: [...new Set([...(titleField ? [titleField] : []), ...fields.map((field) => field.name)])],
        },
        actor,
      );
      if (page.data.length === 0) continue;
      const needle = text.toLocaleLowerCase();
      groups.push({
        entity: model.name,
        label: model.document['x-crm-label'],
        labelPlural: model.document['x-crm-label-plural'],
        hasMore: page.page.has_more,
        hits: page.data.map((record) => ({
          id: record.id,
          title: String((titleField ? record[titleField] : undefined) ?? record.id),
          matches: Object.fromEntries(
            fields
              .map((field) => [field.name, record[field.name]] as const)
              .filter((entry): entry is readonly [string, string] => typeof entry[1] === 'string' && entry[1].toLocaleLowerCase().includes(needle)),
          ),
        })),
      });
    }
    return groups;
  }
}
