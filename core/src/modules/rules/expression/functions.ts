import type { FunctionSpec, FunctionTable } from './function-spec.js';
import { dateFunctions } from './functions-date.js';
import { listFunctions } from './functions-list.js';
import { logicFunctions } from './functions-logic.js';
import { nullFunctions } from './functions-null.js';
import { numberFunctions } from './functions-number.js';
import { textFunctions } from './functions-text.js';
import { varFunctions } from './functions-var.js';

/** Every function of the language, by name; a prototype-free map so that `constructor` is just unknown. */
export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = Object.freeze(
  Object.assign(
    Object.create(null) as FunctionTable,
    varFunctions, logicFunctions, numberFunctions, textFunctions, dateFunctions, listFunctions, nullFunctions,
  ),
);

export const FUNCTION_NAMES: readonly string[] = Object.keys(FUNCTIONS).sort();

export function isFunctionName(name: string): boolean {
  return Object.hasOwn(FUNCTIONS, name);
}
