#!/usr/bin/env node
// `pnpm start`: builds the admin UI when its build is missing or older than its sources, then
// starts the API (which serves the UI) on the embedded database unless DATABASE_URL is set. The
// API runs as compiled JavaScript (core/dist/server.js, rebuilt by core's start script when stale).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ui = path.join(root, 'admin-ui');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

if (existsSync(path.join(ui, 'package.json'))) {
  const built = path.join(ui, 'dist', 'index.html');
  if (!existsSync(built) || statSync(built).mtimeMs < newestMtime(ui)) {
    console.log('Building the admin UI …');
    const build = spawnSync('pnpm', ['--filter', '@crm/admin-ui', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
}

const server = spawnSync('pnpm', ['--filter', '@crm/core', 'start'], { cwd: root, stdio: 'inherit' });
process.exit(server.status ?? 0);
