/** Problems grouped under the top-level field they belong to, as the form shows them. */
export type FieldErrors = Record<string, string[]>;

export interface PathProblem {
  path: string;
  message: string;
}

/** `/lines/2/quantity` → field `lines`, rest `['2', 'quantity']`. */
export function splitPath(path: string): { field: string; rest: string[] } {
  const [field = '', ...rest] = path
    .replace(/^\//, '')
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  return { field, rest };
}

/**
 * Groups client (ajv) and server (`fields[].path`) problems by field. A problem deeper in a
 * value (a line of a lines field) keeps where it is: `describe(field, rest)` names it, e.g. "#3 Quantity".
 */
export function groupByField(problems: PathProblem[], describe: (field: string, rest: string[]) => string = () => ''): FieldErrors {
  const grouped: FieldErrors = {};
  for (const problem of problems) {
    const { field, rest } = splitPath(problem.path);
    const where = rest.length ? describe(field, rest) : '';
    (grouped[field || '_record'] ??= []).push(where ? `${where}: ${problem.message}` : problem.message);
  }
  return grouped;
}
