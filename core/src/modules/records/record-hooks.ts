import type { Em } from '../../db/create-orm.js';
import type { EntityModel } from '../metadata/entity-model.js';
import type { RecordActor } from './record-types.js';

export type RecordOperation = 'create' | 'update' | 'delete' | 'restore';

export interface BeforeWriteEvent {
  operation: RecordOperation;
  model: EntityModel;
  actor: RecordActor;
  id: string;
  /** Stored data before the write (undefined on create). */
  before: Record<string, unknown> | undefined;
  /** Data about to be written; a hook may change it (it is validated afterwards). */
  data: Record<string, unknown>;
  em: Em;
}

export interface AfterWriteEvent extends Omit<BeforeWriteEvent, 'data'> {
  after: Record<string, unknown>;
  version: number;
}

type BeforeHook = (event: BeforeWriteEvent) => void | Promise<void>;
type AfterHook = (event: AfterWriteEvent) => void | Promise<void>;
/** Receives all records of one write at once (a bulk create is one call, not thousands). */
type AfterBatchHook = (events: AfterWriteEvent[]) => void | Promise<void>;

/**
 * Extension points of the records service: "before" hooks may change or refuse a payload,
 * "after" hooks react. Both run inside the write's transaction, so a throw rolls the write back.
 */
export class RecordHooks {
  private readonly beforeHooks: { entity: string; hook: BeforeHook }[] = [];
  private readonly afterHooks: { entity: string; hook: AfterHook }[] = [];
  private readonly afterBatchHooks: { entity: string; hook: AfterBatchHook }[] = [];

  /** `entity` may be '*' for every entity. */
  before(entity: string, hook: BeforeHook): void {
    this.beforeHooks.push({ entity, hook });
  }

  after(entity: string, hook: AfterHook): void {
    this.afterHooks.push({ entity, hook });
  }

  afterBatch(entity: string, hook: AfterBatchHook): void {
    this.afterBatchHooks.push({ entity, hook });
  }

  hasBefore(): boolean {
    return this.beforeHooks.length > 0;
  }

  hasAfter(): boolean {
    return this.afterHooks.length > 0 || this.afterBatchHooks.length > 0;
  }

  async runBefore(event: BeforeWriteEvent): Promise<void> {
    for (const { entity, hook } of this.beforeHooks) {
      if (entity === '*' || entity === event.model.name) await hook(event);
    }
  }

  /** Runs the "after" hooks for the records of one write (all of the same entity). */
  async runAfter(events: AfterWriteEvent[]): Promise<void> {
    const name = events[0]?.model.name;
    if (name === undefined) return;
    for (const { entity, hook } of this.afterBatchHooks) {
      if (entity === '*' || entity === name) await hook(events);
    }
    for (const { entity, hook } of this.afterHooks) {
      if (entity !== '*' && entity !== name) continue;
      for (const event of events) await hook(event);
    }
  }
}
