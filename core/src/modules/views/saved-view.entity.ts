import { defineEntity, p } from '@mikro-orm/core';

/** A saved list view: filter, sort, columns and kanban field of one entity's list. */
export const SavedViewSchema = defineEntity({
  name: 'SavedView',
  tableName: 'crm_saved_view',
  properties: {
    id: p.uuid().primary(),
    entity: p.string().length(40),
    name: p.string().length(200),
    ownerId: p.uuid(),
    shared: p.boolean().default(false),
    filter: p.json<Record<string, unknown>>().nullable(),
    sort: p.string().length(500).nullable(),
    columns: p.json<string[]>(),
    kanbanField: p.string().length(63).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export class SavedView extends SavedViewSchema.class {}
SavedViewSchema.setClass(SavedView);
