import { CrmError } from '../../../errors/crm-error.js';
import { invalidExpression } from './expression-errors.js';
import { FORBIDDEN_SEGMENTS } from './expression-shape.js';
import { T, typeName, unify, type ExprType } from './expression-types.js';
import { RecordRef, ownValue } from './expression-values.js';
import type { CheckContext, Checked, Frame, FunctionTable } from './function-spec.js';
import { fromStored } from './stored-values.js';

/** References followed one after another in one path (customer.company.parent…). */
export const MAX_LOOKUP_HOPS = 4;

function join(origin: string | undefined, segment: string): string | undefined {
  if (origin === undefined) return undefined;
  return origin === '' ? segment : `${origin}.${segment}`;
}

/**
 * Types a variable path against the current frame, noting the fields, roots and referenced
 * records it reads. `origin` follows where the value lives in the record ('' is the record
 * itself), so that references read inside an iteration over `lines` can be loaded beforehand.
 */
function checkPath(c: CheckContext, path: string): Checked | undefined {
  const segments = path === '' ? [] : path.split('.');
  let type: ExprType = c.frame.type;
  let origin = c.frame.origin;
  let label = origin === '' ? c.scope.entity : origin || 'item';
  let synthetic = c.frame.childOrigins !== undefined;
  let i = 0;
  if (segments[0]?.startsWith('$')) {
    const name = segments[0];
    const rootType = c.scope.roots.get(name);
    if (!rootType) return void c.report(null, 'unknown_root', { name });
    c.reads.root(name);
    type = rootType;
    origin = name === '$record' ? '' : undefined;
    label = name === '$record' ? c.scope.entity : name;
    synthetic = false;
    i = 1;
  }
  let hops = 0;
  for (; i < segments.length; i += 1) {
    const segment = segments[i]!;
    if (segment === '') return void c.report(null, 'var_path', {});
    if (FORBIDDEN_SEGMENTS.has(segment)) return void c.report(null, 'unsafe_path', { segment });
    if (type.kind === 'reference') {
      if (origin === undefined) return void c.report(null, 'lookup_before', {});
      hops += 1;
      if (hops > MAX_LOOKUP_HOPS) return void c.report(null, 'lookup_depth', { max: MAX_LOOKUP_HOPS });
      const target = c.scope.entityType(type.entity);
      if (!target) return void c.report(null, 'unknown_entity', { entity: type.entity });
      if (!Object.hasOwn(target.fields, segment)) return void c.report(null, 'unknown_field', { entity: type.entity, field: segment });
      c.reads.lookup(origin, type.entity, segment);
      label = type.entity;
      type = target;
    }
    if (type.kind === 'object') {
      if (!Object.hasOwn(type.fields, segment)) return void c.report(null, 'unknown_field', { entity: label, field: segment });
      if (origin === '') c.reads.field(segment);
      type = type.fields[segment]!;
    } else if (type.kind === 'list') {
      return void c.report(null, 'through_list', { field: segment });
    } else if (type.kind !== 'any') {
      return void c.report(null, 'not_object', { field: segment, type: typeName(type) });
    }
    // The keys of a reduce frame (current, accumulator) are not places in the record.
    origin = synthetic ? c.frame.childOrigins![segment] : join(origin, segment);
    synthetic = false;
    label = segment;
  }
  return { type, origin };
}

function unsafe(message: string): CrmError {
  return invalidExpression([{ path: '', keyword: 'var', message }]);
}

/** Reads a path at run time: stored JSON is walked by its type, references through the loaded records. */
function readPath(frame: Frame, path: string): unknown {
  const segments = path === '' ? [] : path.split('.');
  let value = frame.value;
  let type = frame.type;
  let i = 0;
  if (segments[0]?.startsWith('$')) {
    const root = frame.state.roots.get(segments[0]);
    if (!root) throw unsafe(`unknown variable ${segments[0]}`);
    ({ value, type } = root);
    i = 1;
  }
  for (; i < segments.length; i += 1) {
    const segment = segments[i]!;
    if (segment === '' || FORBIDDEN_SEGMENTS.has(segment)) throw unsafe(`"${segment}" cannot be used in a variable path`);
    if (value === null || value === undefined) return null;
    if (type?.kind === 'reference' && typeof value === 'string') value = new RecordRef(type.entity, value);
    if (value instanceof RecordRef) {
      const { lookups } = frame.state;
      if (!lookups.has(value.id)) throw new CrmError('CRM_ERR_LOOKUP_NOT_LOADED', { params: { entity: value.entity, id: value.id } });
      type = frame.state.scope.entityType(value.entity) ?? T.any;
      value = lookups.get(value.id);
      if (value === null) return null;
    }
    if (type === undefined || type.kind === 'any') value = ownValue(value, segment);
    else if (type.kind === 'object') {
      value = ownValue(value, segment);
      type = type.fields[segment] ?? T.any;
    } else return null;
  }
  if (value === undefined) return null;
  return type === undefined ? value : fromStored(value, type);
}

export const varFunctions: FunctionTable = {
  var: {
    arity: [1, 2],
    lazy: true,
    check(c) {
      const path = c.arg(0).literal?.value;
      if (typeof path !== 'string') {
        c.report(0, 'var_path', {});
        return T.any;
      }
      const found = checkPath(c, path);
      if (!found || c.count === 1) return found ?? T.any;
      const fallback = c.arg(1).type;
      const type = unify(found.type, fallback);
      if (!type) c.report(1, 'mix', { left: typeName(found.type), right: typeName(fallback) });
      return { type: type ?? T.any, origin: found.origin };
    },
    run(args, frame) {
      const path = args[0];
      if (typeof path !== 'string') throw unsafe('a variable must be named by a text');
      const value = readPath(frame, path);
      if (value === null && args.length > 1) return frame.state.run(args[1], frame);
      return value;
    },
  },
};
