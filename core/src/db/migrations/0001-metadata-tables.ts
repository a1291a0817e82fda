import { Migration } from '@mikro-orm/migrations';

export class MetadataTables extends Migration {
  override name = '0001-metadata-tables';

  override up(): void {
    this.addSql(`create schema if not exists crm_records`);
    this.addSql(`create table crm_entity_definition (
      name varchar(40) primary key,
      current_version integer not null,
      owner varchar(100) not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
    this.addSql(`create table crm_entity_definition_version (
      entity varchar(40) not null references crm_entity_definition(name) on delete cascade,
      version integer not null,
      schema jsonb not null,
      change jsonb not null,
      created_at timestamptz not null default now(),
      created_by uuid null,
      primary key (entity, version)
    )`);
    this.addSql(`create table crm_record_index (
      entity varchar(40) not null,
      field varchar(63) not null,
      index_name varchar(63) not null,
      status varchar(16) not null,
      error text null,
      updated_at timestamptz not null default now(),
      primary key (entity, field)
    )`);
  }

  override down(): void {
    this.addSql(`drop table crm_record_index`);
    this.addSql(`drop table crm_entity_definition_version`);
    this.addSql(`drop table crm_entity_definition`);
  }
}
