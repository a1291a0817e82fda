#!/usr/bin/env node
// What the browser must download before the first screen: the entry script of dist/index.html
// and every chunk it preloads (its static imports), plus the stylesheets. Run after `vite build`.
// `--max-gzip-kb N` fails when the initial JavaScript is larger than N kB gzipped.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const refs = (pattern) => [...html.matchAll(pattern)].map((match) => match[1]);
const scripts = [...refs(/<script[^>]+src="([^"]+)"/g), ...refs(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)];
const styles = refs(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g);

function measure(files) {
  return files.reduce(
    (sum, file) => {
      const bytes = readFileSync(path.join(dist, file.replace(/^\//, '')));
      return { raw: sum.raw + bytes.length, gzip: sum.gzip + gzipSync(bytes).length, files: [...sum.files, file] };
    },
    { raw: 0, gzip: 0, files: [] },
  );
}

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
const js = measure([...new Set(scripts)]);
const css = measure([...new Set(styles)]);
console.log(`initial JavaScript: ${kb(js.raw)} (${kb(js.gzip)} gzipped) in ${js.files.length} files`);
for (const file of js.files) console.log(`  ${file}`);
console.log(`initial CSS: ${kb(css.raw)} (${kb(css.gzip)} gzipped)`);

const limitArg = process.argv.indexOf('--max-gzip-kb');
if (limitArg > 0) {
  const limit = Number(process.argv[limitArg + 1]);
  if (js.gzip / 1024 > limit) {
    console.error(`✗ initial JavaScript is ${kb(js.gzip)} gzipped, over the budget of ${limit} kB`);
    process.exit(1);
  }
}
