import { sql } from 'kysely';
import type { EntityDefinitionDocument } from '@crm/schemas';
import type { Em } from '../../db/create-orm.js';
import { CrmError } from '../../errors/crm-error.js';
import { buildEntityModel, type EntityModel } from './entity-model.js';

interface CurrentDefinitionRow {
  name: string;
  owner: string;
  version: number;
  schema: EntityDefinitionDocument;
}

/**
 * The in-memory view of every entity's current definition. Services read it synchronously on the
 * hot path; it is reloaded per entity when a definition changes (here or, via notifications,
 * in another API process).
 */
export class DefinitionRegistry {
  private models = new Map<string, EntityModel>();
  private readonly listeners = new Set<(entity: string) => void>();

  async loadAll(em: Em): Promise<void> {
    const rows = await this.query(em);
    this.models = new Map(rows.map((row) => [row.name, buildEntityModel(row.schema, row.version, row.owner)]));
  }

  async reload(em: Em, entity: string): Promise<void> {
    const [row] = await this.query(em, entity);
    if (row) this.models.set(entity, buildEntityModel(row.schema, row.version, row.owner));
    else this.models.delete(entity);
    for (const listener of this.listeners) listener(entity);
  }

  onChange(listener: (entity: string) => void): void {
    this.listeners.add(listener);
  }

  get(entity: string): EntityModel {
    const model = this.models.get(entity);
    if (!model) throw new CrmError('CRM_ERR_ENTITY_NOT_FOUND', { params: { entity } });
    return model;
  }

  find(entity: string): EntityModel | undefined {
    return this.models.get(entity);
  }

  has(entity: string): boolean {
    return this.models.has(entity);
  }

  all(): EntityModel[] {
    return [...this.models.values()];
  }

  names(): Set<string> {
    return new Set(this.models.keys());
  }

  private async query(em: Em, entity?: string): Promise<CurrentDefinitionRow[]> {
    const where = entity === undefined ? sql`` : sql`where d.name = ${entity}`;
    const result = await sql<CurrentDefinitionRow>`
      select d.name, d.owner, v.version, v.schema
      from crm_entity_definition d
      join crm_entity_definition_version v on v.entity = d.name and v.version = d.current_version
      ${where}
      order by d.name`.execute(em.getKysely());
    return result.rows;
  }
}
