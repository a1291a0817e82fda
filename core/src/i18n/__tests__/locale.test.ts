import { describe, expect, it } from 'vitest';
import { resolveLocale } from '../locale.js';

describe('resolveLocale', () => {
  it.each([
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['es-MX,es;q=0.9', 'es'],
    ['fr-FR,es;q=0.5,en;q=0.4', 'es'],
    ['en;q=0.2,zh;q=0.8', 'zh-CN'],
    ['de', 'en'],
    [undefined, 'en'],
    ['', 'en'],
  ])('%s → %s', (header, expected) => {
    expect(resolveLocale(header)).toBe(expected);
  });
});
