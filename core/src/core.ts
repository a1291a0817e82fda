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
import { SavedViewsService } from './modules/views/saved-views.service.js';
import { SearchService } from './modules/search/search.service.js';
import { listenForDefinitionChanges } from './modules/metadata/definition-notifier.js';
import { JobsService } from './modules/jobs/jobs.service.js';
import { scheduleJobPurge } from './modules/jobs/job-purge.js';
import { NotificationService } from './modules/notifications/notification.service.js';
import { OutboxService, type OutboxOptions } from './modules/notifications/outbox.service.js';
import { logChannel } from './modules/notifications/log-channel.js';
import { createActionRegistry, type ActionRegistry } from './modules/actions/index.js';
import { systemClock, type Clock } from './shared/clock.js';
import { createLogger, type Logger } from './shared/logger.js';

export interface CoreOptions {
  /** Where the core reads the time (tests pass a ManualClock). */
  clock?: Clock;
  /** Default: pino at warn level. */
  logger?: Logger;
  jobs?: {
    /** How often this process looks for due jobs; 0 runs none by itself (tests call `jobs.runDue()`). Default 2000. */
    pollIntervalMs?: number;
    /** Days a done or cancelled job is kept (default 30). */
    retentionDays?: number;
  };
  outbox?: OutboxOptions;
  /** `total=true` on lists counts exactly up to this many matches and estimates above (default 10,000). */
  exactCountLimit?: number | undefined;
}
import { ReportsService } from './modules/reports/reports.service.js';
import { GroupsService } from './modules/segments/groups.service.js';
import { RfmService } from './modules/segments/rfm.service.js';
import { ImportsService } from './modules/imports/imports.service.js';
import { ScorecardsService } from './modules/scorecards/scorecards.service.js';
import { scheduleScorecardRecompute } from './modules/scorecards/scorecard-schedule.js';
import { DashboardsService } from './modules/reports/dashboards.service.js';
import { DEFAULT_DASHBOARDS } from './modules/reports/default-dashboards.js';
import { RecordOverviewService } from './modules/reports/record-overview.js';

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
  clock: Clock;
  logger: Logger;
  /** Durable jobs and timers: docs/jobs.md. */
  jobs: JobsService;
  /** In-app notifications: docs/notifications.md. */
  notifications: NotificationService;
  /** Outgoing e-mail and SMS through registered channels: docs/notifications.md. */
  outbox: OutboxService;
  /** What rules, workflow transitions and plugins can do: docs/actions.md. */
  actions: ActionRegistry;
  views: SavedViewsService;
  search: SearchService;
  reports: ReportsService;
  groups: GroupsService;
  rfm: RfmService;
  imports: ImportsService;
  scorecards: ScorecardsService;
  dashboards: DashboardsService;
  overview: RecordOverviewService;
  close: () => Promise<void>;
}

export async function createCore(database: DatabaseOptions, options: CoreOptions = {}): Promise<Core> {
  const orm = await createOrm(database);
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger();
  const registry = new DefinitionRegistry();
  const validators = new RecordValidatorCache();
  const indexes = new RecordIndexBuilder(orm);
  // Record writes write their own audit entries, in the same statement (see record-audit.ts).
  const hooks = new RecordHooks();
  const metadata = new MetadataService(orm, registry, validators, indexes);
  const records = new RecordsService(orm, registry, validators, hooks, { exactCountLimit: options.exactCountLimit, indexes });
  const sessions = new SessionService(orm);
  const organisation = new OrganisationService(orm, registry, sessions.cache);
  const views = new SavedViewsService(orm, registry);
  const search = new SearchService(registry, records);
  const groups = new GroupsService(orm, registry, records);
  records.filterContext = (filter, em) => groups.filterContext(filter, em);
  const reports = new ReportsService(orm, registry, records);
  const rfm = new RfmService(orm, registry, records);
  const scorecards = new ScorecardsService(orm, registry, records, hooks);
  const dashboards = new DashboardsService(orm, reports);
  const overview = new RecordOverviewService(orm, registry, records, reports, groups, scorecards, rfm);
  const imports = new ImportsService(orm, registry, records, sessions, {
    databaseUrl: database.databaseUrl,
    batchSize: positive(process.env.CRM_IMPORT_BATCH_SIZE),
    maxBytes: positive(process.env.CRM_IMPORT_MAX_MB, 1024 * 1024),
  });
  await registry.loadAll(orm.em.fork() as Em);
  await ensureCoreEntities(metadata, registry);
  // Resume index builds a previous process left unfinished (or that another process queued).
  for (const model of registry.all()) void indexes.sync(model);
  const stopListening = database.databaseUrl ? await listenForDefinitionChanges(database.databaseUrl, orm, registry) : async () => {};
  const jobs = new JobsService(orm, clock, logger);
  await scheduleJobPurge(jobs, options.jobs?.retentionDays ?? 30);
  const notifications = new NotificationService(orm, clock);
  const outbox = new OutboxService(orm, clock, jobs, options.outbox);
  outbox.registerChannel('email', logChannel(logger));
  outbox.registerChannel('sms', logChannel(logger));
  const actions = createActionRegistry({ records, registry, notifications, outbox, clock });
  // Every scorecard again each night (a recurring durable job), besides recomputation on change.
  await scheduleScorecardRecompute(jobs, scorecards, process.env.CRM_SCORECARD_CRON || '0 2 * * *', process.env.CRM_SCORECARD_TIMEZONE || 'UTC');
  // Imports whose process died resume where their last committed batch ended.
  await imports.resumeOrphans();
  scorecards.startBackground();
  await dashboards.ensureDefaults(DEFAULT_DASHBOARDS);
  const pollIntervalMs = options.jobs?.pollIntervalMs ?? 2000;
  if (pollIntervalMs > 0) await jobs.startPolling(pollIntervalMs, database.databaseUrl);
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
    clock,
    logger,
    jobs,
    notifications,
    outbox,
    actions,
    views,
    search,
    reports,
    groups,
    rfm,
    imports,
    scorecards,
    dashboards,
    overview,
    close: async () => {
      await jobs.stop();
      await imports.close();
      await scorecards.close();
      await stopListening();
      await indexes.idle();
      await orm.close(true);
    },
  };
}

function positive(value: string | undefined, unit = 1): number | undefined {
  const number = Number(value);
  return value && Number.isInteger(number) && number > 0 ? number * unit : undefined;
}
