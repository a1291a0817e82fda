import { Migration } from '@mikro-orm/migrations';

/**
 * Definitions move from jsonb to json: jsonb reorders object keys, and the order of a
 * definition's properties is the order fields appear in forms, lists and generated types.
 */
export class DefinitionKeyOrder extends Migration {
  override name = '0004-definition-key-order';

  override up(): void {
    this.addSql(`alter table crm_entity_definition_version alter column schema type json using schema::json`);
  }

  override down(): void {
    this.addSql(`alter table crm_entity_definition_version alter column schema type jsonb using schema::jsonb`);
  }
}
