import { describe, expect, it } from 'vitest';
import { iso } from '../record-mapper.js';

describe('iso', () => {
  it.each([
    '2026-12-01 19:52:41.353+00',
    '2026-12-01 19:52:41.3+00',
    '2026-12-01 19:52:41.353127+00',
    '2026-12-01 19:52:41+00',
    '1999-01-31 00:00:00.000001+00',
    '2026-12-01 19:52:41.353+08',
    '2026-12-01 19:52:41.353-03:30',
  ])('gives what Date gives for %s', (text) => {
    expect(iso(text)).toBe(new Date(text).toISOString());
  });

  it('passes Dates and nulls through', () => {
    expect(iso(new Date('2026-01-02T03:04:05.678Z'))).toBe('2026-01-02T03:04:05.678Z');
    expect(iso(null)).toBeNull();
  });
});
