import type { Em } from '../../db/create-orm.js';
import type { Locale, LocalizedText } from '../../i18n/locale.js';
import type { EntityModel } from '../metadata/entity-model.js';
import type { RecordActor } from '../records/record-types.js';
import type { EntityResolver, ExprType } from '../rules/expression/index.js';

/** An action as rules, workflows and plugins store it: `{ "type": "notify", …its configuration }`. */
export interface ActionSpec {
  type: string;
  [setting: string]: unknown;
}

/** The record an action is about, as expressions read it (data and system fields). */
export interface ActionRecord {
  entity: string;
  id: string;
  values: Record<string, unknown>;
  /** Stored values before the change that caused the action (updates only). */
  before?: Record<string, unknown> | null;
}

/** Extra expression roots an action may read (`$step`, `$decision`…): their types and values. */
export interface ActionRoots {
  types: Record<string, ExprType>;
  values: Record<string, unknown>;
}

export interface ActionContext {
  /** The transaction the action joins: it commits or rolls back with the change that caused it. */
  em: Em;
  /**
   * Whose change caused the action: writes are attributed to them (audit trail) but made with the
   * system's rights, since an administrator configured the action.
   */
  actor: RecordActor;
  record: ActionRecord;
  /** What ran the action, for errors and logs: `trigger:order/big_order`, `workflow:order_approval`. */
  source: string;
  roots?: ActionRoots;
}

/** What an action's check sees when a rule or a workflow is saved. */
export interface ActionCheckContext {
  model: EntityModel;
  resolve: EntityResolver;
  /** JSON Pointer of the action in the saved document, e.g. `/x-crm-rules/triggers/0/actions/1`. */
  path: string;
  locale: Locale;
  roots?: Record<string, ExprType>;
}

/**
 * One kind of action. `configSchema` (JSON Schema 2020-12) describes the stored configuration and
 * is checked when a rule or workflow is saved, together with `check` (expressions typed against
 * the entity, fields that exist); `run` performs it inside the caller's transaction.
 */
export interface ActionType<C extends ActionSpec = ActionSpec> {
  type: string;
  label: LocalizedText;
  configSchema: Record<string, unknown>;
  check?(config: C, context: ActionCheckContext): void;
  run(config: C, context: ActionContext): Promise<void>;
}
