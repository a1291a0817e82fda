import { Migration } from '@mikro-orm/migrations';

export class Notifications extends Migration {
  override name = '0006-notifications';

  override up(): void {
    this.addSql(`create table crm_notification (
      id uuid primary key,
      user_id uuid not null references crm_user(id) on delete cascade,
      kind varchar(60) not null,
      title jsonb not null,
      body jsonb null,
      link_entity varchar(40) null,
      link_id uuid null,
      data jsonb not null default '{}'::jsonb,
      read_at timestamptz null,
      created_at timestamptz not null
    )`);
    // "My notifications, unread first, newest first" and the unread count are one index range each.
    this.addSql(`create index crm_notification_inbox on crm_notification (user_id, (read_at is not null), created_at desc, id desc)`);
    this.addSql(`create index crm_notification_unread on crm_notification (user_id) where read_at is null`);
    this.addSql(`create table crm_outbox_message (
      id uuid primary key,
      channel varchar(40) not null,
      recipient varchar(320) not null,
      user_id uuid null references crm_user(id) on delete set null,
      locale varchar(10) not null,
      subject text null,
      body text not null,
      data jsonb not null default '{}'::jsonb,
      status varchar(16) not null default 'pending' check (status in ('pending', 'sent', 'failed')),
      attempts integer not null default 0,
      error text null,
      provider_message_id varchar(200) null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      last_attempt_at timestamptz null,
      sent_at timestamptz null
    )`);
    this.addSql(`create index crm_outbox_message_listing on crm_outbox_message (status, created_at desc)`);
    this.addSql(`create index crm_outbox_message_user on crm_outbox_message (user_id, created_at desc)`);
  }

  override down(): void {
    this.addSql(`drop table crm_outbox_message`);
    this.addSql(`drop table crm_notification`);
  }
}
