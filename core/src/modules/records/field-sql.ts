import { sql, type RawBuilder } from 'kysely';
import { CrmError } from '../../errors/crm-error.js';
import type { EntityModel, FieldModel } from '../metadata/entity-model.js';
import type { SqlKind } from '../metadata/field-types.js';

/** Columns of the record table that can be filtered and sorted like fields. */
export const SYSTEM_COLUMNS: Record<string, { sqlKind: SqlKind; cast: string; nullable: boolean }> = {
  id: { sqlKind: 'text', cast: 'uuid', nullable: false },
  version: { sqlKind: 'numeric', cast: 'integer', nullable: false },
  owner_id: { sqlKind: 'text', cast: 'uuid', nullable: true },
  department_id: { sqlKind: 'text', cast: 'uuid', nullable: true },
  created_by: { sqlKind: 'text', cast: 'uuid', nullable: true },
  updated_by: { sqlKind: 'text', cast: 'uuid', nullable: true },
  created_at: { sqlKind: 'text', cast: 'timestamptz', nullable: false },
  updated_at: { sqlKind: 'text', cast: 'timestamptz', nullable: false },
};

export interface ColumnRef {
  name: string;
  sqlKind: SqlKind;
  /** SQL type that query values are cast to before comparing. */
  cast: string;
  /** Whether the column can be null (decides how keyset paging treats missing values). */
  nullable: boolean;
  expression: RawBuilder<unknown>;
  field: FieldModel | undefined;
}

/**
 * The SQL expression for a field. It must be written exactly like the expression index built
 * for indexed fields, or PostgreSQL will not use the index: the key is a literal, never a parameter.
 */
export function fieldExpression(field: Pick<FieldModel, 'name' | 'sqlKind'>, source?: string): RawBuilder<unknown> {
  const key = sql.lit(field.name);
  // `source` names another JSONB column (a joined record's data, in reports); by default the row's own.
  const data = source ? sql.ref(source) : sql.raw('data');
  switch (field.sqlKind) {
    case 'numeric':
      return sql`((${data} ->> ${key})::numeric)`;
    case 'boolean':
      return sql`((${data} ->> ${key})::boolean)`;
    case 'text':
      return sql`(${data} ->> ${key})`;
    default:
      return sql`(${data} -> ${key})`;
  }
}

const CAST_BY_KIND: Record<SqlKind, string> = { text: 'text', numeric: 'numeric', boolean: 'boolean', array: 'jsonb', object: 'jsonb' };

export function resolveColumn(model: EntityModel, name: string): ColumnRef {
  const system = Object.hasOwn(SYSTEM_COLUMNS, name) ? SYSTEM_COLUMNS[name] : undefined;
  if (system) return { name, ...system, expression: sql.ref(name), field: undefined };
  const field = model.fields.get(name);
  if (!field) throw new CrmError('CRM_ERR_UNKNOWN_FIELD', { params: { field: name, entity: model.name } });
  return { name, sqlKind: field.sqlKind, cast: CAST_BY_KIND[field.sqlKind], nullable: true, expression: fieldExpression(field), field };
}
