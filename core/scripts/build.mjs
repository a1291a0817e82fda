#!/usr/bin/env node
// Builds the production server: core/src/server.ts and the workspace packages it imports
// (@crm/schemas) bundled into one JavaScript file, core/dist/server.js; npm dependencies stay
// external and load from node_modules as usual. Production runs it with plain Node: no TypeScript
// compiler in the process (tsx kept ~60 MB of its own in memory and compiled every module at start).
//
//   node scripts/build.mjs             build
//   node scripts/build.mjs --if-stale  build only when a source is newer than the bundle
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const coreDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(coreDir, '..');
const outfile = path.join(coreDir, 'dist', 'server.js');
/** Bundled from source: the workspace packages. Everything else is an npm dependency, left external. */
const sourceDirs = [path.join(coreDir, 'src'), path.join(repoRoot, 'schemas')];

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === '__tests__') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function isStale() {
  if (!existsSync(outfile)) return true;
  const built = statSync(outfile).mtimeMs;
  const inputs = [...sourceDirs.map(newestMtime), statSync(path.join(coreDir, 'package.json')).mtimeMs, statSync(fileURLToPath(import.meta.url)).mtimeMs];
  return inputs.some((mtime) => mtime > built);
}

/**
 * In a bundle every module shares the bundle's `import.meta.url`. Source files use it to find
 * files beside them (the schemas' JSON, the repository root, the admin UI build), so each bundled
 * workspace file gets its own original URL instead.
 */
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      return {
        contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
        loader: path.extname(args.path).endsWith('ts') ? 'ts' : 'js',
      };
    });
  },
};

if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);

const pkg = JSON.parse(readFileSync(path.join(coreDir, 'package.json'), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@crm/'));
const started = performance.now();
await build({
  entryPoints: [path.join(coreDir, 'src', 'server.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  sourcemap: true,
  external,
  plugins: [keepModuleUrls],
  logLevel: 'warning',
});
console.log(`Built ${path.relative(repoRoot, outfile)} in ${Math.round(performance.now() - started)} ms`);
