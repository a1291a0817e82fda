import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireAdmin, requireUser } from './auth.plugin.js';
import type { DepartmentInput, OrganisationService, RoleInput, UserChange, UserInput } from './organisation.service.js';
import { RECORD_ACTIONS, SCOPES } from './permissions.js';

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;
const localized = {
  type: 'object',
  additionalProperties: false,
  required: ['zh-CN', 'en', 'es'],
  properties: { 'zh-CN': { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 }, es: { type: 'string', minLength: 1 } },
} as const;
const limit = { type: 'object', additionalProperties: false, properties: { max: { type: ['number', 'string'] }, min: { type: ['number', 'string'] } } } as const;
const grant = {
  type: 'object',
  additionalProperties: false,
  required: ['actions', 'scope'],
  properties: {
    actions: { type: 'array', uniqueItems: true, items: { enum: [...RECORD_ACTIONS] } },
    scope: { enum: [...SCOPES] },
    fields: { type: 'object', additionalProperties: { enum: ['hidden', 'readonly'] } },
    limits: { type: 'object', additionalProperties: limit },
  },
} as const;
export const rolePermissionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { admin: { type: 'boolean' }, entities: { type: 'object', additionalProperties: grant } },
} as const;
const roleBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'label', 'permissions'],
  properties: { name: { type: 'string', pattern: '^[a-z][a-z0-9_]{1,59}$' }, label: localized, permissions: rolePermissionsSchema },
} as const;
const nullableUuid = { type: ['string', 'null'], format: 'uuid' } as const;
const userProperties = {
  displayName: { type: 'string', minLength: 1, maxLength: 200 },
  password: { type: 'string', maxLength: 200 },
  email: { type: ['string', 'null'], format: 'email', maxLength: 320 },
  departmentId: nullableUuid,
  managerId: nullableUuid,
  locale: { type: ['string', 'null'], enum: ['zh-CN', 'en', 'es', null] },
  roles: { type: 'array', uniqueItems: true, items: { type: 'string' } },
} as const;
const createUserBody = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'displayName', 'password'],
  properties: { username: { type: 'string', pattern: '^[a-zA-Z0-9_.-]{2,60}$' }, ...userProperties },
} as const;
const changeUserBody = { type: 'object', additionalProperties: false, properties: { ...userProperties, active: { type: 'boolean' } } } as const;
const departmentBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, parentId: nullableUuid, headId: nullableUuid },
} as const;
const transferBody = {
  type: 'object',
  additionalProperties: false,
  required: ['to'],
  properties: { to: { type: 'string', format: 'uuid' }, deactivate: { type: 'boolean' } },
} as const;

const auditOf = (request: FastifyRequest) => ({ actorId: requireAdmin(request).userId, requestId: request.id });

/** Organisation admin API: reading is open to signed-in users (pickers need it), writing to admins. */
export async function organisationRoutes(app: FastifyInstance, { organisation }: { organisation: OrganisationService }): Promise<void> {
  app.get('/org/departments', async (request) => {
    requireUser(request);
    return { data: await organisation.listDepartments() };
  });
  app.post<{ Body: DepartmentInput }>('/org/departments', { schema: { body: departmentBody } }, async (request, reply) =>
    reply.status(201).send(await organisation.createDepartment(request.body, auditOf(request))),
  );
  app.patch<{ Params: { id: string }; Body: Partial<DepartmentInput> }>(
    '/org/departments/:id',
    { schema: { params: idParams, body: { ...departmentBody, required: [] } } },
    async (request) => organisation.updateDepartment(request.params.id, request.body, auditOf(request)),
  );

  app.get('/org/users', async (request) => {
    requireUser(request);
    return { data: await organisation.listUsers() };
  });
  app.post<{ Body: UserInput }>('/org/users', { schema: { body: createUserBody } }, async (request, reply) =>
    reply.status(201).send(await organisation.createUser(request.body, auditOf(request))),
  );
  app.patch<{ Params: { id: string }; Body: UserChange }>('/org/users/:id', { schema: { params: idParams, body: changeUserBody } }, async (request) =>
    organisation.updateUser(request.params.id, request.body, auditOf(request)),
  );
  app.post<{ Params: { id: string }; Body: { to: string; deactivate?: boolean } }>(
    '/org/users/:id/transfer',
    { schema: { params: idParams, body: transferBody } },
    async (request) => organisation.transferOwnership(request.params.id, request.body.to, request.body.deactivate ?? false, auditOf(request)),
  );

  app.get('/org/roles', async (request) => {
    requireUser(request);
    return { data: await organisation.listRoles() };
  });
  app.put<{ Body: RoleInput }>('/org/roles', { schema: { body: roleBody } }, async (request) => organisation.saveRole(request.body, auditOf(request)));
}
