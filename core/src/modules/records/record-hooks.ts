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

/**
 * Extension points of the records service: "before" hooks may change or refuse a payload,
 * "after" hooks react. Both run inside the write's transaction, so a throw rolls the write back.
 */
export class RecordHooks {
  private readonly beforeHooks: { entity: string; hook: BeforeHook }[] = [];
  private readonly afterHooks: { entity: string; hook: AfterHook }[] = [];

  /** `entity` may be '*' for every entity. */
  before(entity: string, hook: BeforeHook): void {
    this.beforeHooks.push({ entity, hook });
  }

  after(entity: string, hook: AfterHook): void {
    this.afterHooks.push({ entity, hook });
  }

  hasAny(): boolean {
    return this.beforeHooks.length > 0 || this.afterHooks.length > 0;
  }

  async runBefore(event: BeforeWriteEvent): Promise<void> {
    for (const { entity, hook } of this.beforeHooks) {
      if (entity === '*' || entity === event.model.name) await hook(event);
    }
  }

  async runAfter(event: AfterWriteEvent): Promise<void> {
    for (const { entity, hook } of this.afterHooks) {
      if (entity === '*' || entity === event.model.name) await hook(event);
    }
  }
}
