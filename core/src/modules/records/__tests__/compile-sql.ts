import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type RawBuilder } from 'kysely';
import { coreEntitySchemas } from '@crm/schemas';
import { buildEntityModel, type EntityModel } from '../../metadata/entity-model.js';

const compiler = new Kysely<unknown>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** Compiles a SQL fragment the way PostgreSQL will receive it: text plus bound parameters. */
export function compile(fragment: RawBuilder<unknown>): { sql: string; parameters: readonly unknown[] } {
  return fragment.compile(compiler);
}

export function customerModel(): EntityModel {
  const document = coreEntitySchemas.find((d) => d['x-crm-entity'] === 'customer')!;
  return buildEntityModel(document, 1, 'core');
}
