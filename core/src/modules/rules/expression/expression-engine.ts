import { LogicEngine } from 'json-logic-engine';
import { invalidExpression } from './expression-errors.js';
import { argsOf } from './expression-shape.js';
import { tick, type Frame } from './function-spec.js';
import { FUNCTIONS } from './functions.js';
import { Dec } from './expression-values.js';

/**
 * json-logic-engine's interpreter with our functions and none of its own. Only `run` is used:
 * never `build`, which generates JavaScript. Its interpreted optimizer is off because its idioms
 * rewrite comparisons and reduce with JavaScript semantics (string order, float sums) behind
 * our functions' backs. Every method is registered lazy so that each receives its argument nodes
 * as written, pays its step and evaluates them itself.
 */
function createEngine(): LogicEngine {
  const engine = new LogicEngine({}, { disableInterpretedOptimization: true, permissive: false });
  // A prototype-free method table: `{"constructor": …}` or `{"__proto__": …}` are unknown operators, not Object's.
  engine.methods = Object.create(null);
  for (const name of Object.keys(FUNCTIONS)) {
    const spec = FUNCTIONS[name]!;
    engine.addMethod(name, {
      lazy: true,
      method(raw: unknown, frame: Frame) {
        tick(frame);
        const args = argsOf(raw);
        const [min, max] = spec.arity;
        if (args.length < min || args.length > max) {
          throw invalidExpression([{ path: '', keyword: 'arity', message: `"${name}" takes ${min}–${max} arguments, not ${args.length}` }]);
        }
        return spec.run(spec.lazy ? args : args.map((arg) => frame.state.run(arg, frame)), frame);
      },
    });
  }
  return engine;
}

const engine = createEngine();

/** Evaluates one node; literal numbers become decimals here, so every number is one at run time. */
export function runNode(node: unknown, frame: Frame): unknown {
  if (typeof node === 'number') return new Dec(node);
  if (Array.isArray(node)) return node.map((item) => runNode(item, frame));
  return engine.run(node, frame);
}
