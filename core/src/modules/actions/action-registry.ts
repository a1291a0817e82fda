import type { ValidateFunction } from 'ajv/dist/2020.js';
import { CrmError, type FieldError } from '../../errors/crm-error.js';
import type { Locale } from '../../i18n/locale.js';
import { createRecordAjv, toFieldErrors } from '../validation/record-validator.js';
import type { ActionCheckContext, ActionContext, ActionSpec, ActionType } from './action-types.js';

const TYPE_NAME = /^[a-z][a-z0-9_.:-]{1,79}$/;

/**
 * The actions rules, workflow transitions and plugins can run: set fields, create a record,
 * notify, send a message, start a workflow, call a plugin hook… Each module registers its own;
 * stored actions are checked against the registry when they are saved and run through it.
 */
export class ActionRegistry {
  private readonly types = new Map<string, { type: ActionType; validate: ValidateFunction }>();
  private readonly ajv = createRecordAjv();

  register<C extends ActionSpec>(type: ActionType<C>): void {
    if (!TYPE_NAME.test(type.type)) throw new CrmError('CRM_ERR_BAD_REQUEST', { params: { reason: `invalid action type name "${type.type}"` } });
    if (this.types.has(type.type)) throw new CrmError('CRM_ERR_BAD_REQUEST', { params: { reason: `action type "${type.type}" is registered twice` } });
    this.types.set(type.type, { type: type as unknown as ActionType, validate: this.ajv.compile(type.configSchema) });
  }

  unregister(type: string): void {
    this.types.delete(type);
  }

  has(type: string): boolean {
    return this.types.has(type);
  }

  /** The action types with their labels and configuration schemas (for editors). */
  list(): { type: string; label: ActionType['label']; configSchema: Record<string, unknown> }[] {
    return [...this.types.values()].map(({ type }) => ({ type: type.type, label: type.label, configSchema: type.configSchema }));
  }

  /** Refuses, with every problem and its path, actions that are unknown or badly configured. */
  check(actions: readonly unknown[], context: ActionCheckContext): void {
    const problems: FieldError[] = [];
    actions.forEach((action, index) => {
      const path = `${context.path}/${index}`;
      problems.push(...this.problemsOf(action, { ...context, path }, context.locale));
    });
    if (problems.length) throw new CrmError('CRM_ERR_INVALID_ACTION', { fields: problems });
  }

  /** Runs the actions in order inside the context's transaction; the first failure stops the rest. */
  async run(actions: readonly ActionSpec[], context: ActionContext): Promise<void> {
    for (const [index, action] of actions.entries()) {
      const entry = this.types.get(action.type);
      if (!entry) throw new CrmError('CRM_ERR_ACTION_FAILED', { params: { source: context.source, index, type: action.type, reason: 'unknown action type' } });
      try {
        await entry.type.run(action, context);
      } catch (error) {
        if (error instanceof CrmError && error.statusCode < 500) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        throw new CrmError('CRM_ERR_ACTION_FAILED', { params: { source: context.source, index, type: action.type, reason } });
      }
    }
  }

  private problemsOf(action: unknown, context: ActionCheckContext, locale: Locale): FieldError[] {
    const type = action && typeof action === 'object' ? (action as { type?: unknown }).type : undefined;
    const entry = typeof type === 'string' ? this.types.get(type) : undefined;
    if (!entry) {
      const known = [...this.types.keys()].join(', ');
      return [{ path: `${context.path}/type`, keyword: 'enum', message: `unknown action type; known: ${known}` }];
    }
    if (!entry.validate(action)) return toFieldErrors(entry.validate.errors, locale, context.path);
    try {
      entry.type.check?.(action as ActionSpec, context);
      return [];
    } catch (error) {
      if (error instanceof CrmError && error.fields.length) return error.fields;
      throw error;
    }
  }
}
