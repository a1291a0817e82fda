import { Migration } from '@mikro-orm/migrations';

/** Dashboards, record groups, RFM models and scores, scorecards and ratings, import jobs. */
export class AnalysisAndImport extends Migration {
  override name = '0007-analysis-and-import';

  override up(): void {
    this.addSql(`create table crm_dashboard (
      id uuid primary key,
      name varchar(60) not null unique,
      label jsonb not null,
      -- role names that see the dashboard; empty: every signed-in user
      roles jsonb not null default '[]',
      widgets jsonb not null default '[]',
      position integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
    this.addSql(`create table crm_group (
      id uuid primary key,
      entity varchar(40) not null,
      name varchar(100) not null,
      label jsonb not null,
      kind varchar(10) not null check (kind in ('static', 'dynamic')),
      filter jsonb null,
      created_by uuid null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (entity, name)
    )`);
    // No "id" column on purpose: the `_in_group` filter's subquery refers to the outer record's id.
    this.addSql(`create table crm_group_member (
      group_id uuid not null references crm_group(id) on delete cascade,
      record_id uuid not null,
      added_by uuid null,
      added_at timestamptz not null default now(),
      primary key (group_id, record_id)
    )`);
    this.addSql(`create index crm_group_member_record on crm_group_member (record_id)`);
    this.addSql(`create table crm_rfm_model (
      id uuid primary key,
      name varchar(60) not null unique,
      label jsonb not null,
      config jsonb not null,
      last_run_at timestamptz null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
    this.addSql(`create table crm_rfm_score (
      model_id uuid not null references crm_rfm_model(id) on delete cascade,
      customer_id uuid not null,
      recency_days integer null,
      frequency integer not null,
      monetary numeric not null,
      r smallint not null,
      f smallint not null,
      m smallint not null,
      segment varchar(40) not null,
      tier varchar(40) null,
      computed_at timestamptz not null,
      primary key (model_id, customer_id)
    )`);
    this.addSql(`create index crm_rfm_score_segment on crm_rfm_score (model_id, segment)`);
    this.addSql(`create table crm_scorecard (
      id uuid primary key,
      name varchar(60) not null unique,
      entity varchar(40) not null,
      label jsonb not null,
      definition jsonb not null,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
    this.addSql(`create table crm_scorecard_rating (
      id uuid primary key,
      scorecard_id uuid not null references crm_scorecard(id) on delete cascade,
      record_id uuid not null,
      score numeric(7, 2) not null,
      rating varchar(20) not null,
      previous_rating varchar(20) null,
      indicators jsonb not null,
      reason varchar(20) not null,
      computed_at timestamptz not null default now()
    )`);
    this.addSql(`create index crm_scorecard_rating_record on crm_scorecard_rating (scorecard_id, record_id, computed_at desc)`);
    // Records whose ratings must be recomputed, written in the transaction of the change (durable).
    this.addSql(`create table crm_scorecard_queue (
      entity varchar(40) not null,
      record_id uuid not null,
      queued_at timestamptz not null default now(),
      primary key (entity, record_id)
    )`);
    this.addSql(`create table crm_import_job (
      id uuid primary key,
      entity varchar(40) not null,
      file_name varchar(255) not null,
      format varchar(10) not null,
      encoding varchar(20) not null,
      size_bytes bigint not null default 0,
      total_rows integer not null default 0,
      headers jsonb not null default '[]',
      sample jsonb not null default '[]',
      mapping jsonb null,
      mode varchar(10) not null default 'insert',
      key_field varchar(60) null,
      status varchar(20) not null,
      dry_run jsonb null,
      -- the last data row (1 = the first after the header) whose batch is committed
      processed_rows integer not null default 0,
      inserted integer not null default 0,
      updated integer not null default 0,
      unchanged integer not null default 0,
      failed integer not null default 0,
      attempts integer not null default 0,
      error jsonb null,
      user_id uuid not null,
      created_at timestamptz not null default now(),
      started_at timestamptz null,
      finished_at timestamptz null,
      heartbeat_at timestamptz null
    )`);
    this.addSql(`create index crm_import_job_entity on crm_import_job (entity, created_at)`);
    this.addSql(`create table crm_import_chunk (
      job_id uuid not null references crm_import_job(id) on delete cascade,
      seq integer not null,
      data bytea not null,
      primary key (job_id, seq)
    )`);
    this.addSql(`create table crm_import_error (
      job_id uuid not null references crm_import_job(id) on delete cascade,
      phase varchar(10) not null,
      row_no integer not null,
      ord smallint not null,
      column_name varchar(255) null,
      field varchar(200) null,
      code varchar(60) not null,
      message text not null,
      primary key (job_id, phase, row_no, ord)
    )`);
    this.addSql(`create table crm_import_mapping (
      entity varchar(40) primary key,
      mapping jsonb not null,
      updated_at timestamptz not null default now()
    )`);
  }

  override down(): void {
    for (const table of [
      'crm_import_mapping', 'crm_import_error', 'crm_import_chunk', 'crm_import_job', 'crm_scorecard_queue', 'crm_scorecard_rating',
      'crm_scorecard', 'crm_rfm_score', 'crm_rfm_model', 'crm_group_member', 'crm_group', 'crm_dashboard',
    ]) this.addSql(`drop table ${table}`);
  }
}
