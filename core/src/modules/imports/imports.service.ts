import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { Orm } from '../../db/create-orm.js';
import { CrmError, type FieldError } from '../../errors/crm-error.js';
import { resolveLocale } from '../../i18n/locale.js';
import type { SessionService } from '../auth/session.service.js';
import type { DefinitionRegistry } from '../metadata/definition-registry.js';
import type { EntityModel } from '../metadata/entity-model.js';
import { requirePermission, visibleModel } from '../records/record-access.js';
import type { RecordActor } from '../records/record-types.js';
import type { RecordsService } from '../records/records.service.js';
import { SYSTEM_LABELS } from '../reports/report-spec.js';
import { checkEncoding, checkHeaders, chunkStream, readFile, storeChunks, type ImportFormat, type RawCell } from './import-file.js';
import { ImportRunner, ImportStopped, MAX_STORED_ERRORS, type ImportMode, type ImportPhase, type RowError } from './import-runner.js';

export interface ImportOptions {
  /** Default 500 data rows per transaction (`CRM_IMPORT_BATCH_SIZE`). */
  batchSize?: number;
  /** Largest upload in bytes (`CRM_IMPORT_MAX_MB`, default 1024 MB). */
  maxBytes?: number;
  /** PostgreSQL connection string: a running import holds a session lock there, so a crash frees it at once. */
  databaseUrl?: string | undefined;
}

export interface StartInput {
  mapping?: Record<string, string>;
  mode?: ImportMode;
  key?: string;
}

export type ImportStatus = 'uploading' | 'uploaded' | 'validating' | 'validated' | 'running' | 'completed' | 'failed' | 'cancelled';

interface JobRow {
  id: string;
  entity: string;
  file_name: string;
  format: ImportFormat;
  encoding: string;
  size_bytes: string | number;
  total_rows: number;
  headers: string[];
  sample: string[][];
  mapping: Record<string, string> | null;
  mode: ImportMode;
  key_field: string | null;
  status: ImportStatus;
  dry_run: DryRunState | null;
  processed_rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  failed: number;
  attempts: number;
  error: { code: string; message: string } | null;
  user_id: string;
  created_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
  heartbeat_at: Date | string | null;
}

interface DryRunState {
  status: 'running' | 'done' | 'failed' | 'interrupted';
  processedRows: number;
  validRows: number;
  failedRows: number;
  error?: { code: string; message: string };
  finishedAt?: string;
}

const SAMPLE_ROWS = 5;
const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/**
 * Import jobs: upload (kept in the database), mapping, dry run, run with durable progress,
 * resume after a crash, cancel. The work runs in the background of the process that started it;
 * its state is in crm_import_job, so any process can report it and resume it.
 */
export class ImportsService {
  private readonly active = new Map<string, { stop: boolean; done: Promise<void> }>();
  private readonly runner: ImportRunner;
  private readonly maxBytes: number;
  private closing = false;

  constructor(
    private readonly orm: Orm,
    private readonly registry: DefinitionRegistry,
    private readonly records: RecordsService,
    private readonly sessions: SessionService,
    private readonly options: ImportOptions = {},
  ) {
    this.runner = new ImportRunner(orm, registry, records, options.batchSize ?? 500);
    this.maxBytes = options.maxBytes ?? 1024 * 1024 * 1024;
  }

  /** Stores the file, checks that it reads (encoding, structure, header), counts its rows, suggests a mapping. */
  async upload(
    entity: string, file: { name: string; format: ImportFormat; encoding?: string; body: AsyncIterable<Buffer | Uint8Array | string> }, actor: RecordActor,
  ) {
    const model = this.registry.get(entity);
    requirePermission(actor, model, 'create');
    const encoding = file.format === 'csv' ? checkEncoding(file.encoding ?? 'utf-8') : 'binary';
    const id = uuidv7();
    const db = this.db();
    await sql`insert into crm_import_job (id, entity, file_name, format, encoding, status, user_id)
      values (${id}, ${entity}, ${file.name.slice(0, 255)}, ${file.format}, ${encoding}, 'uploading', ${actor.userId}::uuid)`.execute(db);
    try {
      const size = await storeChunks(db, id, file.body, this.maxBytes);
      let headers: string[] | undefined;
      const sample: string[][] = [];
      let total = 0;
      for await (const cells of readFile(chunkStream(db, id), file.format, encoding)) {
        if (!headers) {
          headers = checkHeaders(cells);
          continue;
        }
        total++;
        if (sample.length < SAMPLE_ROWS) sample.push(cells.slice(0, headers.length).map(cellText));
      }
      if (!headers) throw new CrmError('CRM_ERR_IMPORT_FILE_INVALID', { params: { reason: 'the file is empty' }, details: { row: 0 } });
      if (total === 0) throw new CrmError('CRM_ERR_IMPORT_FILE_INVALID', { params: { reason: 'the file has a header but no data rows' }, details: { row: 1 } });
      await sql`update crm_import_job set status = 'uploaded', size_bytes = ${size}, total_rows = ${total},
        headers = ${JSON.stringify(headers)}::jsonb, sample = ${JSON.stringify(sample)}::jsonb where id = ${id}::uuid`.execute(db);
    } catch (error) {
      await sql`delete from crm_import_job where id = ${id}::uuid`.execute(db);
      throw error;
    }
    const job = await this.view(id, actor);
    return { ...job, suggestedMapping: await this.suggestMapping(model, job.headers, actor) };
  }

  async list(entity: string | undefined, actor: RecordActor) {
    const admin = !actor.access || actor.access.isAdmin;
    const { rows } = await sql<JobRow>`select * from crm_import_job where status <> 'uploading'
      ${entity ? sql`and entity = ${entity}` : sql``} ${admin ? sql`` : sql`and user_id = ${actor.userId}::uuid`}
      order by created_at desc limit 200`.execute(this.db());
    return rows.map((row) => this.toView(row));
  }

  async view(id: string, actor: RecordActor) {
    return this.toView(await this.job(id, actor));
  }

  /** Checks every row as the real run would, in transactions that are rolled back. */
  async dryRun(id: string, input: StartInput, actor: RecordActor) {
    const job = await this.job(id, actor);
    if (!['uploaded', 'validated', 'failed'].includes(job.status) && !(job.status === 'validating' && !this.active.has(id))) {
      throw stateError(`the import is ${job.status}`);
    }
    const plan = this.checkPlan(job, input, actor);
    await this.claim(id, async () => {
      await sql`delete from crm_import_error where job_id = ${id}::uuid and phase = 'dry_run'`.execute(this.db());
      const state: DryRunState = { status: 'running', processedRows: 0, validRows: 0, failedRows: 0 };
      await this.saveDryRun(id, state, 'validating', plan);
      return async (stop) => {
        try {
          const outcome = await this.runner.run(
            { jobId: id, entity: job.entity, format: job.format, encoding: job.encoding, phase: 'dry_run', ...plan, startAfter: 0, actor, storedErrors: 0 },
            stop,
            async (counts, lastRow) => {
              state.processedRows = lastRow;
              state.validRows += counts.inserted + counts.updated + counts.unchanged;
              state.failedRows += counts.failed;
              await this.saveDryRun(id, state);
            },
          );
          state.status = outcome === 'done' ? 'done' : 'interrupted';
        } catch (error) {
          state.status = 'failed';
          state.error = describe(error, actor);
        }
        state.finishedAt = new Date().toISOString();
        await this.saveDryRun(id, state, 'validated');
      };
    });
    return this.view(id, actor);
  }

  /** Starts the import, or resumes one that stopped (crash, restart, failure) after its last committed row. */
  async start(id: string, input: StartInput, actor: RecordActor) {
    const job = await this.job(id, actor);
    if (this.active.has(id) && job.status === 'running') return this.view(id, actor);
    if (job.status === 'completed' || job.status === 'cancelled') throw stateError(`the import is ${job.status}`);
    if (job.status === 'validating' && this.active.has(id)) throw stateError('its dry run is still running');
    const resuming = job.status === 'running' || (job.status === 'failed' && job.processed_rows > 0);
    const plan = resuming && job.mapping
      ? { mapping: job.mapping, mode: job.mode, key: job.key_field }
      : this.checkPlan(job, input, actor);
    if (resuming && input.mapping && JSON.stringify(input.mapping) !== JSON.stringify(job.mapping)) {
      throw stateError('it has started: resume it with its own mapping (send no mapping)');
    }
    await this.claim(id, async () => {
      await sql`update crm_import_job set status = 'running', mapping = ${JSON.stringify(plan.mapping)}::jsonb, mode = ${plan.mode},
        key_field = ${plan.key}, attempts = attempts + 1, error = null, finished_at = null, started_at = coalesce(started_at, now()),
        heartbeat_at = now() where id = ${id}::uuid`.execute(this.db());
      await this.rememberMapping(job.entity, plan.mapping);
      return (stop) => this.execute(id, stop);
    });
    return this.view(id, actor);
  }

  /** Cancels a running import after its current batch (rows already committed stay). */
  async cancel(id: string, actor: RecordActor) {
    const job = await this.job(id, actor);
    if (!['running', 'uploaded', 'validated', 'failed'].includes(job.status)) throw stateError(`the import is ${job.status}`);
    await sql`update crm_import_job set status = 'cancelled', finished_at = now() where id = ${id}::uuid`.execute(this.db());
    const running = this.active.get(id);
    if (running) running.stop = true;
    return this.view(id, actor);
  }

  async remove(id: string, actor: RecordActor): Promise<void> {
    const job = await this.job(id, actor);
    if (job.status === 'running' || job.status === 'validating') throw stateError('it is running: cancel it first');
    await sql`delete from crm_import_job where id = ${id}::uuid`.execute(this.db());
  }

  /** Row errors in row order, paged by row number. */
  async errors(id: string, phase: ImportPhase, options: { limit?: number; after?: number }, actor: RecordActor) {
    await this.job(id, actor);
    const limit = Math.min(Math.max(options.limit ?? 100, 1), 1000);
    const { rows } = await sql<{ row_no: number; column_name: string | null; field: string | null; code: string; message: string }>`
      select row_no, column_name, field, code, message from crm_import_error
      where job_id = ${id}::uuid and phase = ${phase} ${options.after ? sql`and row_no > ${options.after}` : sql``}
      order by row_no, ord limit ${limit + 1}`.execute(this.db());
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    // A page ends on a whole row, so `after` never splits one row's errors.
    const last = page.at(-1)?.row_no;
    const whole = more && last !== undefined ? page.filter((r) => r.row_no < last || page[0]!.row_no === last) : page;
    const data: RowError[] = whole.map((r) => ({ row: r.row_no, column: r.column_name, field: r.field, code: r.code, message: r.message }));
    return { data, next_after: more ? data.at(-1)!.row : null };
  }

  async *allErrors(id: string, phase: ImportPhase, actor: RecordActor): AsyncIterable<RowError> {
    let after: number | undefined;
    for (;;) {
      const page = await this.errors(id, phase, { limit: 1000, ...(after ? { after } : {}) }, actor);
      yield* page.data;
      if (page.next_after === null) return;
      after = page.next_after;
    }
  }

  /** Picks up imports whose process died (their lock is free), at start-up. */
  async resumeOrphans(): Promise<void> {
    const { rows } = await sql<JobRow>`select * from crm_import_job where status in ('running', 'validating')`.execute(this.db());
    for (const row of rows) {
      if (this.active.has(row.id)) continue;
      try {
        if (row.status === 'validating') {
          const state: DryRunState = { ...(row.dry_run ?? { processedRows: 0, validRows: 0, failedRows: 0 }), status: 'interrupted' };
          await this.claim(row.id, async () => {
            await this.saveDryRun(row.id, state, 'uploaded');
            return async () => {};
          });
          continue;
        }
        await this.claim(row.id, async () => (stop) => this.execute(row.id, stop));
      } catch (error) {
        if (!(error instanceof CrmError && error.code === 'CRM_ERR_IMPORT_STATE')) throw error;
      }
    }
  }

  /** Stops the running imports after their current batch and waits for them (shutdown). */
  async close(): Promise<void> {
    this.closing = true;
    for (const run of this.active.values()) run.stop = true;
    await Promise.all([...this.active.values()].map((run) => run.done));
  }

  /** The background part of a run; the job row says where it stands. */
  private async execute(id: string, stop: () => boolean): Promise<void> {
    const job = await this.jobRow(id);
    if (!job || job.status !== 'running') return;
    const access = await this.sessions.accessForUser(job.user_id);
    if (!access) {
      await this.finish(id, 'failed', { code: 'CRM_ERR_UNAUTHENTICATED', message: 'the user who started the import is no longer active' });
      return;
    }
    const actor: RecordActor = {
      userId: access.userId, departmentId: access.departmentId, locale: resolveLocale(access.locale ?? undefined), requestId: `import:${id}`, access,
    };
    const { rows: stored } = await sql<{ n: string }>`select count(*) as n from crm_import_error where job_id = ${id}::uuid and phase = 'run'`.execute(this.db());
    try {
      const outcome = await this.runner.run(
        { jobId: id, entity: job.entity, format: job.format, encoding: job.encoding, phase: 'run', mapping: job.mapping!, mode: job.mode, key: job.key_field,
          startAfter: job.processed_rows, actor, storedErrors: Number(stored[0]?.n ?? 0) },
        stop,
        async () => {},
      );
      if (outcome === 'done') await this.finish(id, 'completed', null);
    } catch (error) {
      if (error instanceof ImportStopped) return;
      await this.finish(id, 'failed', describe(error, actor));
    }
  }

  private async finish(id: string, status: ImportStatus, error: { code: string; message: string } | null): Promise<void> {
    const db = this.db();
    await sql`update crm_import_job set status = ${status}, error = ${error === null ? null : JSON.stringify(error)}::jsonb, finished_at = now()
      where id = ${id}::uuid and status = 'running'`.execute(db);
    if (status === 'completed') await sql`delete from crm_import_chunk where job_id = ${id}::uuid`.execute(db);
  }

  /**
   * Makes this process the job's only worker: in-process for the embedded database (one process),
   * plus a PostgreSQL session lock held for the whole run, which a crashed process loses at once.
   */
  private async claim(id: string, prepare: () => Promise<(stop: () => boolean) => Promise<void>>): Promise<void> {
    if (this.closing) throw stateError('the server is shutting down');
    if (this.active.has(id)) throw stateError('it is running');
    const release = await this.lock(id);
    if (!release) throw stateError('it is running in another server process');
    const entry = { stop: false, done: Promise.resolve() };
    this.active.set(id, entry);
    let work: (stop: () => boolean) => Promise<void>;
    try {
      work = await prepare();
    } catch (error) {
      this.active.delete(id);
      await release();
      throw error;
    }
    entry.done = (async () => {
      try {
        await work(() => entry.stop || this.closing);
      } catch (error) {
        // The job row records failures; this keeps a broken database from crashing the process.
        void error;
      } finally {
        this.active.delete(id);
        await release();
      }
    })();
  }

  private async lock(id: string): Promise<(() => Promise<void>) | undefined> {
    if (!this.options.databaseUrl) return async () => {};
    const client = new pg.Client({ connectionString: this.options.databaseUrl });
    client.on('error', () => {});
    await client.connect();
    const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtextextended($1, 0)) as ok', [`crm_import:${id}`]);
    if (!rows[0]?.ok) {
      await client.end();
      return undefined;
    }
    return async () => {
      await client.end().catch(() => {});
    };
  }

  private checkPlan(job: JobRow, input: StartInput, actor: RecordActor): { mapping: Record<string, string>; mode: ImportMode; key: string | null } {
    const stored = this.registry.get(job.entity);
    const mode = input.mode ?? 'insert';
    const permission = requirePermission(actor, stored, 'create');
    if (mode === 'upsert') requirePermission(actor, stored, 'update');
    const model = visibleModel(stored, permission);
    const mapping = input.mapping ?? job.mapping;
    const problems: FieldError[] = [];
    if (!mapping || Object.keys(mapping).length === 0) problems.push({ path: '/mapping', keyword: 'required', message: 'map at least one column to a field' });
    const targets = new Map<string, string>();
    for (const [column, field] of Object.entries(mapping ?? {})) {
      const path = `/mapping/${column.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (!job.headers.includes(column)) problems.push({ path, keyword: 'enum', message: `the file has no column "${column}"` });
      else if (!model.fields.has(field) && field !== 'id' && field !== 'owner_id') problems.push({ path, keyword: 'x-crm-field', message: `${job.entity} has no field "${field}"` });
      else if (permission.readOnly.has(field)) problems.push({ path, keyword: 'readOnly', message: `you may not write "${field}"` });
      else if (targets.has(field)) problems.push({ path, keyword: 'uniqueItems', message: `"${targets.get(field)}" is mapped to "${field}" already` });
      targets.set(field, column);
    }
    const key = mode === 'upsert' ? input.key ?? job.key_field : null;
    if (mode === 'upsert' && (!key || !targets.has(key))) problems.push({ path: '/key', keyword: 'required', message: 'an upsert needs a key field that a column is mapped to' });
    if (problems.length) throw new CrmError('CRM_ERR_IMPORT_MAPPING', { fields: problems });
    return { mapping: mapping!, mode, key };
  }

  /** The remembered mapping first, then column names that are field names or labels in any language. */
  private async suggestMapping(model: EntityModel, headers: string[], actor: RecordActor): Promise<Record<string, string>> {
    const permission = requirePermission(actor, model, 'create');
    const view = visibleModel(model, permission);
    const writable = (field: string) => (view.fields.has(field) && !permission.readOnly.has(field)) || field === 'id' || field === 'owner_id';
    const { rows } = await sql<{ mapping: Record<string, string> }>`select mapping from crm_import_mapping where entity = ${model.name}`.execute(this.db());
    const remembered = rows[0]?.mapping ?? {};
    const byName = new Map<string, string>();
    for (const field of view.fields.values()) {
      byName.set(field.name.toLowerCase(), field.name);
      for (const text of Object.values(field.label)) byName.set(String(text).toLowerCase(), field.name);
    }
    for (const name of ['id', 'owner_id']) {
      byName.set(name, name);
      for (const text of Object.values(SYSTEM_LABELS[name]!)) byName.set(text.toLowerCase(), name);
    }
    const suggestion: Record<string, string> = {};
    const used = new Set<string>();
    for (const header of headers) {
      const candidate = [remembered[header], byName.get(header.toLowerCase()), byName.get(header.toLowerCase().replace(/[\s-]+/g, '_'))]
        .find((field) => field !== undefined && writable(field) && !used.has(field));
      if (candidate) {
        suggestion[header] = candidate;
        used.add(candidate);
      }
    }
    return suggestion;
  }

  private async rememberMapping(entity: string, mapping: Record<string, string>): Promise<void> {
    await sql`insert into crm_import_mapping (entity, mapping) values (${entity}, ${JSON.stringify(mapping)}::jsonb)
      on conflict (entity) do update set mapping = crm_import_mapping.mapping || excluded.mapping, updated_at = now()`.execute(this.db());
  }

  private async saveDryRun(id: string, state: DryRunState, status?: ImportStatus, plan?: { mapping: Record<string, string>; mode: ImportMode; key: string | null }): Promise<void> {
    await sql`update crm_import_job set dry_run = ${JSON.stringify(state)}::jsonb
      ${status ? sql`, status = ${status}` : sql``}
      ${plan ? sql`, mapping = ${JSON.stringify(plan.mapping)}::jsonb, mode = ${plan.mode}, key_field = ${plan.key}` : sql``}
      where id = ${id}::uuid`.execute(this.db());
  }

  private async job(id: string, actor: RecordActor): Promise<JobRow> {
    const row = await this.jobRow(id);
    const admin = !actor.access || actor.access.isAdmin;
    if (!row || row.status === 'uploading' || (!admin && row.user_id !== actor.userId)) throw new CrmError('CRM_ERR_NOT_FOUND', { params: { kind: 'import', id } });
    return row;
  }

  private async jobRow(id: string): Promise<JobRow | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const { rows } = await sql<JobRow>`select * from crm_import_job where id = ${id}::uuid`.execute(this.db());
    return rows[0];
  }

  private toView(row: JobRow) {
    const done = row.inserted + row.updated + row.unchanged + row.failed;
    return {
      id: row.id,
      entity: row.entity,
      fileName: row.file_name,
      format: row.format,
      encoding: row.encoding,
      sizeBytes: Number(row.size_bytes),
      status: row.status,
      running: this.active.has(row.id),
      headers: row.headers,
      sample: row.sample,
      mapping: row.mapping,
      mode: row.mode,
      key: row.key_field,
      totalRows: row.total_rows,
      processedRows: row.processed_rows,
      progress: row.total_rows ? Math.min(1, row.processed_rows / row.total_rows) : 0,
      inserted: row.inserted,
      updated: row.updated,
      unchanged: row.unchanged,
      failed: row.failed,
      skipped: Math.max(0, row.processed_rows - done),
      errorsStoredMax: MAX_STORED_ERRORS,
      dryRun: row.dry_run,
      error: row.error,
      attempts: row.attempts,
      createdAt: iso(row.created_at),
      startedAt: iso(row.started_at),
      finishedAt: iso(row.finished_at),
      heartbeatAt: iso(row.heartbeat_at),
    };
  }

  private db(): Kysely<unknown> {
    return this.orm.em.fork().getKysely() as Kysely<unknown>;
  }
}

function cellText(cell: RawCell): string {
  if (cell === null) return '';
  return cell instanceof Date ? cell.toISOString() : String(cell);
}

function describe(error: unknown, actor: RecordActor): { code: string; message: string } {
  if (error instanceof CrmError) return { code: error.code, message: error.localizedMessage(actor.locale) };
  return { code: 'CRM_ERR_INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

function stateError(reason: string): CrmError {
  return new CrmError('CRM_ERR_IMPORT_STATE', { params: { reason } });
}
