import { Migration } from '@mikro-orm/migrations';

/** Saved list views: a user's own, or shared with everyone who may read the entity. */
export class SavedViews extends Migration {
  override name = '0008-saved-views';

  override up(): void {
    this.addSql(`create table crm_saved_view (
      id uuid primary key,
      entity varchar(40) not null,
      name varchar(200) not null,
      owner_id uuid not null references crm_user(id) on delete cascade,
      shared boolean not null default false,
      -- a filter document of the records API's filter language
      filter jsonb null,
      -- the records API's sort parameter: "-amount,name"
      sort varchar(500) null,
      columns jsonb not null default '[]'::jsonb,
      kanban_field varchar(63) null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
    this.addSql(`create index crm_saved_view_owner on crm_saved_view (entity, owner_id)`);
    this.addSql(`create index crm_saved_view_shared on crm_saved_view (entity) where shared`);
  }

  override down(): void {
    this.addSql(`drop table crm_saved_view`);
  }
}
