import { describe, expect, it } from 'vitest';
import { castValue, NOT_CASTABLE } from '../value-cast.js';

describe('castValue (type changes with a conversion)', () => {
  it('turns integral text into integers and refuses the rest', () => {
    expect(castValue('42', 'integer')).toBe(42);
    expect(castValue(' -7 ', 'integer')).toBe(-7);
    expect(castValue('4.5', 'integer')).toBe(NOT_CASTABLE);
    expect(castValue('abc', 'integer')).toBe(NOT_CASTABLE);
  });

  it('keeps decimals exact as strings', () => {
    expect(castValue(12.5, 'decimal')).toBe('12.5');
    expect(castValue('0012.30', 'decimal')).toBe('0012.30');
    expect(castValue('twelve', 'decimal')).toBe(NOT_CASTABLE);
  });

  it('reads common yes/no spellings as booleans', () => {
    expect(castValue('yes', 'boolean')).toBe(true);
    expect(castValue('否', 'boolean')).toBe(false);
    expect(castValue('maybe', 'boolean')).toBe(NOT_CASTABLE);
  });

  it('moves between single values and lists', () => {
    expect(castValue('a', 'multichoice')).toEqual(['a']);
    expect(castValue(['only'], 'choice')).toBe('only');
    expect(castValue(['a', 'b'], 'choice')).toBe(NOT_CASTABLE);
  });

  it('converts between date and date-time', () => {
    expect(castValue('2026-03-01T10:00:00Z', 'date')).toBe('2026-03-01');
    expect(castValue('2026-03-01', 'datetime')).toBe('2026-03-01T00:00:00.000Z');
  });
});
