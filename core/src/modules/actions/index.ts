import type { DefinitionRegistry } from '../metadata/definition-registry.js';
import type { NotificationService } from '../notifications/notification.service.js';
import type { OutboxService } from '../notifications/outbox.service.js';
import type { RecordsService } from '../records/records.service.js';
import type { Clock } from '../../shared/clock.js';
import { ActionRegistry } from './action-registry.js';
import { notifyAction, sendMessageAction } from './message-actions.js';
import { createRecordAction, setFieldsAction } from './record-actions.js';

export { ActionRegistry } from './action-registry.js';
export type { ActionCheckContext, ActionContext, ActionRecord, ActionRoots, ActionSpec, ActionType } from './action-types.js';
export { actingFor, expressionUser } from './assignments.js';
export { fillTemplate, participantSchema } from './message-actions.js';

export interface ActionDeps {
  records: RecordsService;
  registry: DefinitionRegistry;
  notifications: NotificationService;
  outbox: OutboxService;
  clock: Clock;
}

/** The registry with the core's own actions; workflows and plugins register theirs on top. */
export function createActionRegistry(deps: ActionDeps): ActionRegistry {
  const actions = new ActionRegistry();
  actions.register(setFieldsAction(deps));
  actions.register(createRecordAction(deps));
  actions.register(notifyAction(deps.notifications));
  actions.register(sendMessageAction(deps.outbox));
  return actions;
}
