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

export interface HookOptions {
  /**
   * Narrows a hook to the entities it cares about (e.g. those that have rules). A write to an
   * entity no hook applies to skips the explicit transaction: it is one statement (record and
   * audit entries together), which is atomic on its own.
   */
  when?: (model: EntityModel) => boolean;
}

interface Registered<H> {
  entity: string;
  hook: H;
  when: ((model: EntityModel) => boolean) | undefined;
}

const applies = (registered: Registered<unknown>, model: EntityModel) =>
  (registered.entity === '*' || registered.entity === model.name) && (registered.when?.(model) ?? true);

/**
 * Extension points of the records service: "before" hooks may change or refuse a payload,
 * "after" hooks react. Both run inside the write's transaction, so a throw rolls the write back.
 * Every write also leaves its audit entries, in the same statement as the write itself.
 */
export class RecordHooks {
  private readonly beforeHooks: Registered<BeforeHook>[] = [];
  private readonly afterHooks: Registered<AfterHook>[] = [];
  private readonly afterBatchHooks: Registered<AfterBatchHook>[] = [];

  /** `entity` may be '*' for every entity. */
  before(entity: string, hook: BeforeHook, options: HookOptions = {}): void {
    this.beforeHooks.push({ entity, hook, when: options.when });
  }

  after(entity: string, hook: AfterHook, options: HookOptions = {}): void {
    this.afterHooks.push({ entity, hook, when: options.when });
  }

  afterBatch(entity: string, hook: AfterBatchHook, options: HookOptions = {}): void {
    this.afterBatchHooks.push({ entity, hook, when: options.when });
  }

  /** Whether any "before" hook is registered (for `model`: any that applies to it). */
  hasBefore(model?: EntityModel): boolean {
    return model ? this.beforeHooks.some((r) => applies(r, model)) : this.beforeHooks.length > 0;
  }

  hasAfter(model?: EntityModel): boolean {
    if (!model) return this.afterHooks.length > 0 || this.afterBatchHooks.length > 0;
    return this.afterHooks.some((r) => applies(r, model)) || this.afterBatchHooks.some((r) => applies(r, model));
  }

  /** Whether a write to `model` runs any hook, and so needs an explicit transaction for them. */
  appliesTo(model: EntityModel): boolean {
    return this.hasBefore(model) || this.hasAfter(model);
  }

  async runBefore(event: BeforeWriteEvent): Promise<void> {
    for (const registered of this.beforeHooks) {
      if (applies(registered, event.model)) await registered.hook(event);
    }
  }

  /** Runs the "after" hooks for the records of one write (all of the same entity). */
  async runAfter(events: AfterWriteEvent[]): Promise<void> {
    const model = events[0]?.model;
    if (model === undefined) return;
    for (const registered of this.afterBatchHooks) {
      if (applies(registered, model)) await registered.hook(events);
    }
    for (const registered of this.afterHooks) {
      if (!applies(registered, model)) continue;
      for (const event of events) await registered.hook(event);
    }
  }
}
