import { limitError } from './expression-errors.js';
import type { MessageKey } from './expression-messages.js';
import type { ExpressionScope } from './expression-scope.js';
import type { ExprType } from './expression-types.js';

/** The checker's view of one argument: its type, and its value when it is a JSON literal. */
export interface Checked {
  type: ExprType;
  literal?: { value: unknown };
  /** Where in the record the values come from (`lines`, `customer.lines`), for lookups inside iterations. */
  origin?: string | undefined;
}

/** The current item an iteration body sees (`{"var": ""}` and paths below it). */
export interface FrameInfo {
  type: ExprType;
  origin: string | undefined;
  /** Per-key origins for frames whose keys come from different places (reduce's current / accumulator). */
  childOrigins?: Record<string, string | undefined>;
}

export interface CheckContext {
  readonly name: string;
  readonly count: number;
  readonly scope: ExpressionScope;
  /** Checks argument i against the current frame (memoised). */
  arg(i: number): Checked;
  /** Checks argument i with another current item (the body of map, filter, reduce, …). */
  argIn(i: number, frame: FrameInfo): Checked;
  /** The current item (the record at the top level). */
  readonly frame: FrameInfo;
  /** What the expression reads, collected for the result of the check. */
  readonly reads: ReadRecorder;
  /** Records a problem at argument i, or at the operation itself when i is null. */
  report(i: number | null, key: MessageKey, params?: Record<string, string | number>): void;
}

export interface ReadRecorder {
  field(name: string): void;
  root(name: string): void;
  /** A referenced record read at `path` (dotted, lists crossed implicitly), and which of its fields. */
  lookup(path: string, entity: string, field: string): void;
}

/** Everything one evaluation carries: the data it reads and the budget it spends. */
export interface EvalState {
  scope: ExpressionScope;
  roots: ReadonlyMap<string, { value: unknown; type: ExprType | undefined }>;
  /** Referenced records by id; `null` for an id that was looked up and not found. */
  lookups: ReadonlyMap<string, Record<string, unknown> | null>;
  timeZone: string;
  steps: number;
  readonly stepLimit: number;
  run: (node: unknown, frame: Frame) => unknown;
}

/**
 * The current item. `type` is set while `value` is still stored JSON (the record, a looked-up
 * record) and undefined once it holds run-time values (an item of a list being iterated).
 */
export interface Frame {
  state: EvalState;
  value: unknown;
  type: ExprType | undefined;
}

export interface FunctionSpec {
  /** Fewest and most arguments (Infinity for no limit). */
  arity: readonly [number, number];
  /** Arguments are handed over unevaluated: short-circuits and iteration bodies. */
  lazy?: boolean;
  /** The result type (with its origin when it reads a list of the record). */
  check(c: CheckContext): ExprType | Checked;
  run(args: unknown[], frame: Frame): unknown;
}

export type FunctionTable = Record<string, FunctionSpec>;

export function evaluate(node: unknown, frame: Frame): unknown {
  return frame.state.run(node, frame);
}

export function itemFrame(frame: Frame, value: unknown): Frame {
  return { state: frame.state, value, type: undefined };
}

/** Counts units of work: every operation pays one, and every item a function walks through. */
export function tick(frame: Frame, units = 1): void {
  const state = frame.state;
  state.steps += units;
  if (state.steps > state.stepLimit) throw limitError(state.stepLimit, 'steps');
}
