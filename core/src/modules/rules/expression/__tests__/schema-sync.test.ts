import { describe, expect, it } from 'vitest';
import expressionSchema from '@crm/schemas/meta/expression.schema.json' with { type: 'json' };
import { FUNCTION_NAMES, MAX_NODES } from '../index.js';

describe('schemas/meta/expression.schema.json', () => {
  it('names exactly the functions the language has', () => {
    expect([...expressionSchema.$defs.operation.propertyNames.enum].sort()).toEqual([...FUNCTION_NAMES]);
  });

  it('caps lists at the checker limit', () => {
    expect(expressionSchema.$defs.expression.anyOf.find((branch) => 'maxItems' in branch)?.maxItems).toBe(MAX_NODES);
  });
});
