import { createOrm, type DatabaseOptions, type Em, type Orm } from './db/create-orm.js';
import { DefinitionRegistry } from './modules/metadata/definition-registry.js';
import { MetadataService } from './modules/metadata/metadata.service.js';
import { RecordHooks } from './modules/records/record-hooks.js';
import { RecordIndexBuilder } from './modules/records/record-index-builder.js';
import { RecordsService } from './modules/records/records.service.js';
import { OrganisationService } from './modules/auth/organisation.service.js';
import { SessionService } from './modules/auth/session.service.js';
import { RecordValidatorCache } from './modules/validation/record-validator.js';
import { ensureCoreEntities } from './modules/metadata/core-entities.js';
import { listenForDefinitionChanges } from './modules/metadata/definition-notifier.js';

/** The services of one API process, wired once; routes and tests receive them from here. */
export interface Core {
  orm: Orm;
  registry: DefinitionRegistry;
  validators: RecordValidatorCache;
  indexes: RecordIndexBuilder;
  hooks: RecordHooks;
  metadata: MetadataService;
  records: RecordsService;
  sessions: SessionService;
  organisation: OrganisationService;
  close: () => Promise<void>;
}

export interface CoreOptions {
  /** `total=true` on lists counts exactly up to this many matches and estimates above (default 10,000). */
  exactCountLimit?: number | undefined;
}

export async function createCore(database: DatabaseOptions, options: CoreOptions = {}): Promise<Core> {
  const orm = await createOrm(database);
  const registry = new DefinitionRegistry();
  const validators = new RecordValidatorCache();
  const indexes = new RecordIndexBuilder(orm);
  // Record writes write their own audit entries, in the same statement (see record-audit.ts).
  const hooks = new RecordHooks();
  const metadata = new MetadataService(orm, registry, validators, indexes);
  const records = new RecordsService(orm, registry, validators, hooks, { exactCountLimit: options.exactCountLimit, indexes });
  const sessions = new SessionService(orm);
  const organisation = new OrganisationService(orm, registry, sessions.cache);
  await registry.loadAll(orm.em.fork() as Em);
  await ensureCoreEntities(metadata, registry);
  // Resume index builds a previous process left unfinished (or that another process queued).
  for (const model of registry.all()) void indexes.sync(model);
  const stopListening = database.databaseUrl ? await listenForDefinitionChanges(database.databaseUrl, orm, registry) : async () => {};
  return {
    orm,
    registry,
    validators,
    indexes,
    hooks,
    metadata,
    records,
    sessions,
    organisation,
    close: async () => {
      await stopListening();
      await indexes.idle();
      await orm.close(true);
    },
  };
}
