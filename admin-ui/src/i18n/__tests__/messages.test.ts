import { describe, expect, it } from 'vitest';
import en from '../messages/en';
import es from '../messages/es';
import zhCN from '../messages/zh-CN';

function keys(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function leaves(messages: object): unknown[] {
  return Object.values(messages).flatMap((value) => (typeof value === 'object' && value !== null ? leaves(value) : [value]));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();
}

describe('UI messages', () => {
  it('have the same keys in zh-CN, en and es', () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
    expect(keys(es).sort()).toEqual(keys(en).sort());
  });

  it('have no empty texts', () => {
    for (const messages of [en, zhCN, es]) {
      for (const text of leaves(messages)) expect(typeof text === 'string' && text.trim().length > 0).toBe(true);
    }
  });

  it('use the same placeholders in every language', () => {
    const lookup = (messages: object, path: string) => path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], messages) as string;
    for (const key of keys(en)) {
      const expected = [...new Set(placeholders(lookup(en, key)))];
      expect([...new Set(placeholders(lookup(zhCN, key)))], `zh-CN ${key}`).toEqual(expected);
      expect([...new Set(placeholders(lookup(es, key)))], `es ${key}`).toEqual(expected);
    }
  });
});
