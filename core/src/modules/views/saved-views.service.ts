import { v7 as uuidv7 } from 'uuid';
import type { Em, Orm } from '../../db/create-orm.js';
import { CrmError } from '../../errors/crm-error.js';
import type { DefinitionRegistry } from '../metadata/definition-registry.js';
import type { EntityModel } from '../metadata/entity-model.js';
import { readPermission, requirePermission, visibleModel } from '../records/record-access.js';
import { buildFilterSql } from '../records/record-filter.js';
import { parseSort } from '../records/record-sort.js';
import type { RecordActor } from '../records/record-types.js';
import { SavedView } from './saved-view.entity.js';

export interface SavedViewInput {
  entity: string;
  name: string;
  shared?: boolean;
  filter?: Record<string, unknown> | null;
  sort?: string | null;
  columns?: string[];
  kanbanField?: string | null;
}

export type SavedViewChange = Partial<Omit<SavedViewInput, 'entity'>>;

/** A view as the API returns it; `mine` tells whether the reader may change it. */
export interface SavedViewBody {
  id: string;
  entity: string;
  name: string;
  shared: boolean;
  ownerId: string;
  mine: boolean;
  filter: Record<string, unknown> | null;
  sort: string | null;
  columns: string[];
  kanbanField: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The kanban groups cards by one single-choice field. */
const KANBAN_TYPES = new Set(['choice']);

/**
 * Saved list views. Everyone keeps their own; a shared view is seen by everyone who may read
 * the entity, and sharing needs the "configure" permission on it (administrators have it).
 * Only the owner changes a view; administrators may also change or delete shared ones.
 */
export class SavedViewsService {
  constructor(
    private readonly orm: Orm,
    private readonly registry: DefinitionRegistry,
  ) {}

  async list(actor: RecordActor, entity?: string): Promise<SavedViewBody[]> {
    const em = this.orm.em.fork() as Em;
    const mine = actor.userId ? [{ ownerId: actor.userId }] : [];
    const views = await em.find(
      SavedView,
      { $or: [...mine, { shared: true }], ...(entity ? { entity } : {}) },
      { orderBy: { entity: 'asc', name: 'asc', id: 'asc' } },
    );
    return views.flatMap((view) => {
      const model = this.registry.find(view.entity);
      const permission = model ? readPermission(actor, model) : undefined;
      return model && permission ? [this.describe(view, actor, visibleModel(model, permission))] : [];
    });
  }

  async create(actor: RecordActor, input: SavedViewInput): Promise<SavedViewBody> {
    const model = this.checked(actor, input.entity, input);
    const em = this.orm.em.fork() as Em;
    const view = em.create(SavedView, {
      id: uuidv7(),
      entity: input.entity,
      name: input.name.trim(),
      ownerId: actor.userId!,
      shared: input.shared ?? false,
      filter: input.filter ?? null,
      sort: input.sort || null,
      columns: input.columns ?? [],
      kanbanField: input.kanbanField ?? null,
    });
    await em.flush();
    return this.describe(view, actor, model);
  }

  async update(actor: RecordActor, id: string, change: SavedViewChange): Promise<SavedViewBody> {
    const em = this.orm.em.fork() as Em;
    const view = await this.changeable(em, actor, id);
    const merged: SavedViewInput = {
      entity: view.entity,
      name: change.name ?? view.name,
      shared: change.shared ?? view.shared,
      filter: change.filter === undefined ? view.filter : change.filter,
      sort: change.sort === undefined ? view.sort : change.sort,
      columns: change.columns ?? view.columns,
      kanbanField: change.kanbanField === undefined ? view.kanbanField : change.kanbanField,
    };
    // Re-checked whole: a field may have been removed since the view was saved.
    const model = this.checked(actor, view.entity, merged, view.shared);
    em.assign(view, {
      name: merged.name.trim(),
      shared: merged.shared ?? false,
      filter: merged.filter ?? null,
      sort: merged.sort || null,
      columns: merged.columns ?? [],
      kanbanField: merged.kanbanField ?? null,
    });
    await em.flush();
    return this.describe(view, actor, model);
  }

  async remove(actor: RecordActor, id: string): Promise<void> {
    const em = this.orm.em.fork() as Em;
    const view = await this.changeable(em, actor, id);
    em.remove(view);
    await em.flush();
  }

  /** The view, if the actor may change it: 404 when they cannot see it, 403 when it is someone else's. */
  private async changeable(em: Em, actor: RecordActor, id: string): Promise<SavedView> {
    const view = await em.findOne(SavedView, { id });
    const model = view ? this.registry.find(view.entity) : undefined;
    const visible = view && model && (view.ownerId === actor.userId || view.shared) && readPermission(actor, model);
    if (!view || !visible) throw new CrmError('CRM_ERR_VIEW_NOT_FOUND', { params: { id } });
    const isAdmin = actor.access ? actor.access.isAdmin : true;
    if (view.ownerId !== actor.userId && !isAdmin) throw new CrmError('CRM_ERR_VIEW_NOT_OWNER');
    return view;
  }

  /**
   * Checks a view against the entity as the actor sees it: every column, sort key and filter
   * condition must name a field they can read, and the kanban field must be a single choice.
   */
  private checked(actor: RecordActor, entity: string, input: SavedViewInput, wasShared = false): EntityModel {
    const stored = this.registry.get(entity);
    const model = visibleModel(stored, requirePermission(actor, stored, 'read'));
    if (input.shared && !wasShared) requirePermission(actor, stored, 'configure');
    const problems: { path: string; keyword: string; message: string }[] = [];
    if (!input.name.trim()) problems.push({ path: '/name', keyword: 'minLength', message: 'must not be empty' });
    (input.columns ?? []).forEach((column, i) => {
      if (!model.fields.has(column)) problems.push({ path: `/columns/${i}`, keyword: 'enum', message: `"${column}" is not a field of ${entity}` });
    });
    if (input.kanbanField) {
      const field = model.fields.get(input.kanbanField);
      if (!field || !KANBAN_TYPES.has(field.type)) {
        problems.push({ path: '/kanbanField', keyword: 'enum', message: 'must be a single-choice field' });
      }
    }
    if (problems.length) throw new CrmError('CRM_ERR_VALIDATION', { fields: problems });
    if (input.sort) parseSort(model, input.sort);
    if (input.filter) buildFilterSql(model, input.filter);
    return model;
  }

  private describe(view: SavedView, actor: RecordActor, model: EntityModel): SavedViewBody {
    return {
      id: view.id,
      entity: view.entity,
      name: view.name,
      shared: view.shared,
      ownerId: view.ownerId,
      mine: view.ownerId === actor.userId,
      filter: view.filter ?? null,
      sort: view.sort ?? null,
      // Fields removed since (or hidden from this reader) drop out of the columns.
      columns: view.columns.filter((column) => model.fields.has(column)),
      kanbanField: view.kanbanField && model.fields.has(view.kanbanField) ? view.kanbanField : null,
      createdAt: new Date(view.createdAt).toISOString(),
      updatedAt: new Date(view.updatedAt).toISOString(),
    };
  }
}
