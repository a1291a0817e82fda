import { CrmError } from '../../errors/crm-error.js';
import type { DefinitionRegistry } from '../metadata/definition-registry.js';
import type { RecordsService } from '../records/records.service.js';
import type { Clock } from '../../shared/clock.js';
import { actingFor, checkAssignments, evaluateAssignments, type Assignments } from './assignments.js';
import type { ActionSpec, ActionType } from './action-types.js';

const assignmentsSchema = { type: 'object', minProperties: 1, propertyNames: { pattern: '^[a-z][a-z0-9_]{0,62}$' } } as const;

export interface SetFieldsAction extends ActionSpec {
  type: 'set_fields';
  values: Assignments;
}

export interface CreateRecordAction extends ActionSpec {
  type: 'create_record';
  entity: string;
  values: Assignments;
}

interface Deps {
  records: RecordsService;
  registry: DefinitionRegistry;
  clock: Clock;
}

/** `set_fields`: writes values computed from the record back to it (validated, audited, versioned). */
export function setFieldsAction({ records, registry, clock }: Deps): ActionType<SetFieldsAction> {
  return {
    type: 'set_fields',
    label: { 'zh-CN': '设置字段', en: 'Set fields', es: 'Asignar campos' },
    configSchema: {
      type: 'object',
      required: ['type', 'values'],
      additionalProperties: false,
      properties: { type: { const: 'set_fields' }, values: assignmentsSchema },
    },
    check: (config, context) => checkAssignments(config.values, context.model, context, `${context.path}/values`),
    async run(config, context) {
      const target = registry.get(context.record.entity);
      const values = await evaluateAssignments(config.values, target, context, registry, clock.now());
      const current = await records.get(target.name, context.record.id, { em: context.em });
      const written = await records.update(target.name, context.record.id, values, current.version, actingFor(context.actor), { em: context.em });
      Object.assign(context.record.values, written);
    },
  };
}

/** `create_record`: creates a record of any entity with values computed from this one. */
export function createRecordAction({ records, registry, clock }: Deps): ActionType<CreateRecordAction> {
  return {
    type: 'create_record',
    label: { 'zh-CN': '创建记录', en: 'Create a record', es: 'Crear un registro' },
    configSchema: {
      type: 'object',
      required: ['type', 'entity', 'values'],
      additionalProperties: false,
      properties: { type: { const: 'create_record' }, entity: { type: 'string', pattern: '^[a-z][a-z0-9_]{1,39}$' }, values: assignmentsSchema },
    },
    check(config, context) {
      const target = context.resolve(config.entity);
      if (!target) throw invalid(`${context.path}/entity`, `unknown entity "${config.entity}"`);
      checkAssignments(config.values, target, context, `${context.path}/values`);
    },
    async run(config, context) {
      const target = registry.get(config.entity);
      const values = await evaluateAssignments(config.values, target, context, registry, clock.now());
      await records.create(target.name, { ...values, owner_id: context.record.values.owner_id ?? context.actor.userId }, actingFor(context.actor), { em: context.em });
    },
  };
}

function invalid(path: string, message: string): CrmError {
  return new CrmError('CRM_ERR_INVALID_ACTION', { fields: [{ path, keyword: 'invalid', message }] });
}
