import { defineEntity, p } from '@mikro-orm/core';
import type { LocalizedText } from '../../i18n/locale.js';
import type { ScorecardDefinition } from './scorecard-types.js';

export const ScorecardSchema = defineEntity({
  name: 'Scorecard',
  tableName: 'crm_scorecard',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(60).unique(),
    entity: p.string().length(40),
    label: p.json<LocalizedText>(),
    definition: p.json<ScorecardDefinition>(),
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export class Scorecard extends ScorecardSchema.class {}
ScorecardSchema.setClass(Scorecard);

/** One computed rating; a row is kept each time a record's score or rating changes. */
export const ScorecardRatingSchema = defineEntity({
  name: 'ScorecardRating',
  tableName: 'crm_scorecard_rating',
  properties: {
    id: p.uuid().primary(),
    scorecardId: p.uuid(),
    recordId: p.uuid(),
    score: p.decimal('string'),
    rating: p.string().length(20),
    previousRating: p.string().length(20).nullable(),
    indicators: p.json<Record<string, unknown>>(),
    reason: p.string().length(20),
    computedAt: p.datetime().onCreate(() => new Date()),
  },
});
export class ScorecardRating extends ScorecardRatingSchema.class {}
ScorecardRatingSchema.setClass(ScorecardRating);

export const ScorecardQueueSchema = defineEntity({
  name: 'ScorecardQueue',
  tableName: 'crm_scorecard_queue',
  properties: {
    entity: p.string().length(40).primary(),
    recordId: p.uuid().primary(),
    queuedAt: p.datetime().onCreate(() => new Date()),
  },
});
export class ScorecardQueue extends ScorecardQueueSchema.class {}
ScorecardQueueSchema.setClass(ScorecardQueue);
