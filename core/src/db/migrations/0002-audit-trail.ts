import { Migration } from '@mikro-orm/migrations';

export class AuditTrail extends Migration {
  override name = '0002-audit-trail';

  override up(): void {
    this.addSql(`create table crm_audit_entry (
      id uuid primary key,
      occurred_at timestamptz not null default now(),
      actor_id uuid null,
      request_id varchar(64) null,
      action varchar(40) not null,
      entity varchar(40) null,
      record_id uuid null,
      changes jsonb not null default '{}'::jsonb,
      context jsonb not null default '{}'::jsonb
    )`);
    this.addSql(`create index crm_audit_entry_record on crm_audit_entry (entity, record_id, occurred_at)`);
    this.addSql(`create index crm_audit_entry_actor on crm_audit_entry (actor_id, occurred_at)`);
    // Append-only at the database level: no code path, and no SQL client, can rewrite history.
    this.addSql(`create function crm_audit_entry_immutable() returns trigger language plpgsql as $$
      begin raise exception 'the audit trail is append-only' using errcode = '42501'; end $$`);
    this.addSql(`create trigger crm_audit_entry_no_update before update or delete on crm_audit_entry
      for each row execute function crm_audit_entry_immutable()`);
    this.addSql(`create trigger crm_audit_entry_no_truncate before truncate on crm_audit_entry
      for each statement execute function crm_audit_entry_immutable()`);
  }

  override down(): void {
    this.addSql(`drop table crm_audit_entry`);
    this.addSql(`drop function crm_audit_entry_immutable()`);
  }
}
