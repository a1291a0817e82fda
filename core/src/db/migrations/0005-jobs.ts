import { Migration } from '@mikro-orm/migrations';

export class Jobs extends Migration {
  override name = '0005-jobs';

  override up(): void {
    // A job is claimed by locking its row (FOR UPDATE SKIP LOCKED) in the transaction that runs
    // its handler and marks it done: 'running' is only ever seen inside that transaction.
    this.addSql(`create table crm_job (
      id uuid primary key,
      name varchar(100) not null,
      key varchar(200) null,
      payload jsonb not null default '{}'::jsonb,
      status varchar(16) not null default 'pending'
        check (status in ('pending', 'running', 'done', 'failed', 'cancelled')),
      run_at timestamptz not null,
      attempts integer not null default 0,
      max_attempts integer not null,
      last_error text null,
      errors jsonb not null default '[]'::jsonb,
      cron varchar(120) null,
      timezone varchar(64) null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      started_at timestamptz null,
      finished_at timestamptz null
    )`);
    // At most one pending job per key: scheduling the same key again replaces it, and a recurring
    // job (key = its series) has exactly one next run however many processes register it.
    this.addSql(`create unique index crm_job_pending_key on crm_job (key) where status = 'pending'`);
    this.addSql(`create index crm_job_due on crm_job (run_at, id) where status = 'pending'`);
    this.addSql(`create index crm_job_listing on crm_job (status, name, created_at desc)`);
    this.addSql(`create index crm_job_key on crm_job (key, created_at desc) where key is not null`);
  }

  override down(): void {
    this.addSql(`drop table crm_job`);
  }
}
