import { defineEntity, p } from '@mikro-orm/core';
import type { LocalizedText } from '../../i18n/locale.js';
import type { RfmConfig } from './rfm-config.js';

/** A group of records: static (a member list) or dynamic (a saved filter, always current). */
export const RecordGroupSchema = defineEntity({
  name: 'RecordGroup',
  tableName: 'crm_group',
  properties: {
    id: p.uuid().primary(),
    entity: p.string().length(40),
    name: p.string().length(100),
    label: p.json<LocalizedText>(),
    kind: p.string().length(10),
    filter: p.json<unknown>().nullable(),
    createdBy: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export class RecordGroup extends RecordGroupSchema.class {}
RecordGroupSchema.setClass(RecordGroup);

export const GroupMemberSchema = defineEntity({
  name: 'GroupMember',
  tableName: 'crm_group_member',
  properties: {
    groupId: p.uuid().primary(),
    recordId: p.uuid().primary(),
    addedBy: p.uuid().nullable(),
    addedAt: p.datetime().onCreate(() => new Date()),
  },
});
export class GroupMember extends GroupMemberSchema.class {}
GroupMemberSchema.setClass(GroupMember);

export const RfmModelSchema = defineEntity({
  name: 'RfmModel',
  tableName: 'crm_rfm_model',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(60).unique(),
    label: p.json<LocalizedText>(),
    config: p.json<RfmConfig>(),
    lastRunAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export class RfmModel extends RfmModelSchema.class {}
RfmModelSchema.setClass(RfmModel);

export const RfmScoreSchema = defineEntity({
  name: 'RfmScore',
  tableName: 'crm_rfm_score',
  properties: {
    modelId: p.uuid().primary(),
    customerId: p.uuid().primary(),
    recencyDays: p.integer().nullable(),
    frequency: p.integer(),
    monetary: p.decimal('string'),
    r: p.smallint(),
    f: p.smallint(),
    m: p.smallint(),
    segment: p.string().length(40),
    tier: p.string().length(40).nullable(),
    computedAt: p.datetime(),
  },
});
export class RfmScore extends RfmScoreSchema.class {}
RfmScoreSchema.setClass(RfmScore);
