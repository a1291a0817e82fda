import type { FieldModel, EntityModel } from '../metadata/entity-model.js';
import type { DefinitionRegistry } from '../metadata/definition-registry.js';
import { requirePermission, visibleModel } from '../records/record-access.js';
import type { ApiRecord, RecordActor } from '../records/record-types.js';
import type { RecordsService } from '../records/records.service.js';
import type { Locale } from '../../i18n/locale.js';
import { CrmError } from '../../errors/crm-error.js';
import { SYSTEM_LABELS } from '../reports/report-spec.js';
import { decimalCell, type Cell, type TableFormat } from './table-writer.js';

export interface RecordExportQuery {
  filter?: unknown;
  sort?: string;
  fields?: string[];
  /** `label` (default): column titles in the reader's language; `name`: field names, for re-import. */
  header?: 'label' | 'name';
  trashed?: boolean;
}

const PAGE = 500;
const SYSTEM_TAIL = ['owner_id', 'created_at', 'updated_at'];

/**
 * An export is the list itself, page after page through the records service (same filter,
 * sort, scope and hidden fields), so its content is exactly what the list shows. It needs the
 * `export` right besides `read`. The first page is read before anything is sent, so a bad
 * filter or a refusal is still a 4xx.
 */
export async function exportRecords(
  records: RecordsService, registry: DefinitionRegistry, entity: string, query: RecordExportQuery, format: TableFormat, actor: RecordActor,
): Promise<{ headers: string[]; rows: AsyncIterable<Cell[]>; model: EntityModel }> {
  const stored = registry.get(entity);
  const permission = requirePermission(actor, stored, 'export');
  const model = visibleModel(stored, permission);
  for (const name of query.fields ?? []) {
    if (!model.fields.has(name) && name !== 'id' && !SYSTEM_TAIL.includes(name)) throw new CrmError('CRM_ERR_UNKNOWN_FIELD', { params: { field: name, entity } });
  }
  const names = query.fields?.length ? query.fields : ['id', ...model.fields.keys(), ...SYSTEM_TAIL];
  const dataFields = names.filter((name) => model.fields.has(name));
  const base = { filter: query.filter, sort: query.sort, limit: PAGE, trashed: query.trashed ?? false, ...(dataFields.length ? { fields: dataFields } : {}) };
  const first = await records.list(entity, base, actor);
  const headers = names.map((name) => (query.header === 'name' ? name : headerLabel(model, name, actor.locale)));
  const toRow = (record: ApiRecord): Cell[] => names.map((name) => cellOf(model.fields.get(name), record[name], format));
  async function* rows(): AsyncIterable<Cell[]> {
    let page = first;
    for (;;) {
      for (const record of page.data) yield toRow(record);
      if (!page.page.has_more || !page.page.next_cursor) return;
      page = await records.list(entity, { ...base, cursor: page.page.next_cursor }, actor);
    }
  }
  return { headers, rows: rows(), model };
}

function headerLabel(model: EntityModel, name: string, locale: Locale): string {
  return model.fields.get(name)?.label[locale] ?? SYSTEM_LABELS[name]?.[locale] ?? name;
}

/** One value as a cell: lists joined with "; ", objects as JSON, decimals exact. */
export function cellOf(field: FieldModel | undefined, value: unknown, format: TableFormat): Cell {
  if (value === undefined || value === null) return null;
  if (!field) return String(value);
  switch (field.type) {
    case 'integer':
      return typeof value === 'number' ? value : String(value);
    case 'decimal':
      return decimalCell(String(value), format);
    case 'boolean':
      return value === true;
    case 'multichoice':
    case 'references':
      return Array.isArray(value) ? value.map(String).join('; ') : String(value);
    case 'json':
    case 'lines':
    case 'attachment':
      return JSON.stringify(value);
    default:
      return String(value);
  }
}
