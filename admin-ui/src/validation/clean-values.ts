function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function cleanRow(row: unknown): unknown {
  if (!row || typeof row !== 'object' || Array.isArray(row)) return row;
  return Object.fromEntries(Object.entries(row).filter(([, value]) => !isEmpty(value)));
}

/**
 * What the form would send: empty inputs ('' or null) mean "no value", so they are left out,
 * also inside the rows of a lines field.
 */
export function cleanValues(values: Record<string, unknown>): Record<string, unknown> {
  const clean: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    if (isEmpty(value)) continue;
    clean[name] = Array.isArray(value) ? value.map(cleanRow) : value;
  }
  return clean;
}
