import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'vue/compiler-sfc';
import en from '../messages/en';
import es from '../messages/es';
import zhCN from '../messages/zh-CN';

/** The parts of Vue's template AST the check reads (1 = element, 2 = text; props: 6 = static attribute). */
interface TemplateNode {
  type: number;
  content?: string;
  tag?: string;
  props?: { type: number; name: string; value?: { content: string } }[];
  children?: TemplateNode[];
}

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === '__tests__' || name === 'test-support' ? [] : sources(full);
    return /\.(vue|ts)$/.test(name) ? [full] : [];
  });
}

const files = sources(src);
const relative = (file: string) => path.relative(src, file);

function lookup(messages: object, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages);
}

/** Every `t('a.b')` and `t(`a.${x}`)` in the sources: the full key, or the fixed prefix of a built one. */
function usedKeys(): { file: string; key: string; prefix: boolean }[] {
  const found: { file: string; key: string; prefix: boolean }[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) found.push({ file: relative(file), key: match[1]!, prefix: false });
    for (const match of text.matchAll(/\bt\(\s*`([a-zA-Z][\w.-]*)\.\$\{/g)) found.push({ file: relative(file), key: match[1]!, prefix: true });
  }
  return found;
}

describe('texts of the sources', () => {
  it('finds the keys it checks (the scan itself works)', () => {
    expect(usedKeys().length).toBeGreaterThan(200);
  });

  it('has a text in every language for each key the code asks for', () => {
    const missing: string[] = [];
    for (const { file, key, prefix } of usedKeys()) {
      for (const [name, messages] of [['en', en], ['zh-CN', zhCN], ['es', es]] as const) {
        const value = lookup(messages, key);
        const ok = prefix ? typeof value === 'object' && value !== null : typeof value === 'string';
        if (!ok) missing.push(`${name} ${key}${prefix ? '.*' : ''} (${file})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has no text written straight into a template: every word goes through t()', () => {
    const raw: string[] = [];
    const TEXT_ATTRIBUTES = new Set(['placeholder', 'title', 'label', 'aria-label', 'alt', 'description', 'empty-text', 'content', 'tooltip']);
    const walk = (file: string, nodes: TemplateNode[]) => {
      for (const node of nodes) {
        if (node.type === 2 && /\p{L}/u.test(node.content ?? '')) raw.push(`${file}: text "${node.content!.trim()}"`);
        if (node.type === 1) {
          for (const prop of node.props ?? []) {
            if (prop.type === 6 && TEXT_ATTRIBUTES.has(prop.name) && prop.value && /\p{L}/u.test(prop.value.content)) {
              raw.push(`${file}: <${node.tag} ${prop.name}="${prop.value.content}">`);
            }
          }
          walk(file, node.children ?? []);
        }
      }
    };
    for (const file of files.filter((f) => f.endsWith('.vue'))) {
      const { descriptor } = parse(readFileSync(file, 'utf8'), { filename: file });
      if (descriptor.template?.ast) walk(relative(file), descriptor.template.ast.children as unknown as TemplateNode[]);
    }
    expect(raw).toEqual([]);
  });
});
