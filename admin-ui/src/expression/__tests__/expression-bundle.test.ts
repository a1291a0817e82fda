import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { build, type Plugin, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';
import { T, buildExpressionScope, checkExpression, evaluateCondition, type EntityResolver } from '@crm/core/expression';

const NODE_ONLY = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

/** Fails the build on any import of a Node built-in or of the database layer, instead of stubbing it. */
function browserOnly(): Plugin {
  return {
    name: 'browser-only',
    enforce: 'pre',
    resolveId(source, importer) {
      if (NODE_ONLY.has(source) || /^(pg|kysely|@mikro-orm\/.*|@electric-sql\/pglite)$/.test(source)) {
        this.error(`${source} imported by ${importer ?? 'the entry'}: not available in the browser`);
      }
      return null;
    },
  };
}

describe('@crm/core/expression in the browser', () => {
  it('bundles with Vite for the browser without Node or database modules', async () => {
    const output = (await build({
      configFile: false,
      root: resolve(__dirname, '../../..'),
      logLevel: 'silent',
      plugins: [browserOnly()],
      build: {
        write: false,
        lib: { entry: resolve(__dirname, 'bundle-entry.ts'), formats: ['es'], fileName: 'expression' },
        rollupOptions: { external: [] },
      },
    })) as Rollup.RollupOutput[] | Rollup.RollupOutput;
    const chunks = (Array.isArray(output) ? output : [output]).flatMap((result) => result.output);
    const code = chunks.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join('\n');
    expect(code).toContain('CRM_ERR_INVALID_EXPRESSION');
    expect(code).not.toMatch(/__vite-browser-external|from ["']node:/);
  }, 60_000);

  it('checks and evaluates a dependent-field condition in a DOM environment', () => {
    const label = { en: 'x', 'zh-CN': 'x', es: 'x' };
    const model = {
      name: 'customer',
      fields: new Map([
        ['customer_type', { name: 'customer_type', schema: { 'x-crm-type': 'choice', 'x-crm-label': label } }],
        ['annual_revenue', { name: 'annual_revenue', schema: { 'x-crm-type': 'decimal', 'x-crm-label': label } }],
      ]),
    } as unknown as Parameters<typeof buildExpressionScope>[0];
    const scope = buildExpressionScope(model, (() => undefined) as EntityResolver);
    const visibleWhen = { and: [{ '==': [{ var: 'customer_type' }, 'enterprise'] }, { '>': [{ var: 'annual_revenue' }, '9'] }] };
    expect(() => checkExpression(visibleWhen, scope, { expect: T.boolean })).toThrow();
    const fixed = { and: [{ '==': [{ var: 'customer_type' }, 'enterprise'] }, { '>': [{ var: 'annual_revenue' }, 9] }] };
    expect(checkExpression(fixed, scope, { expect: T.boolean }).fields).toEqual(['annual_revenue', 'customer_type']);
    expect(evaluateCondition(fixed, { scope, record: { customer_type: 'enterprise', annual_revenue: '10.00' } })).toBe(true);
    expect(evaluateCondition(fixed, { scope, record: { customer_type: 'individual', annual_revenue: '10.00' } })).toBe(false);
    expect(typeof window).toBe('object');
  });
});
