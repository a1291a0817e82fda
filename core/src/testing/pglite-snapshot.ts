import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dumpPgliteDataDir } from '../db/create-orm.js';
import { createCore } from '../core.js';

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(srcDir, '../..');

/**
 * Everything that can shape a fresh database: the core's sources (migrations, core entities,
 * whatever runs at start-up) and the schemas. Any change to them makes a new snapshot.
 */
function sourcesKey(): string {
  const hash = createHash('sha256');
  const addTree = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      if (entry === '__tests__' || entry === 'node_modules' || entry === 'types') continue;
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) addTree(full);
      else hash.update(full).update(readFileSync(full));
    }
  };
  addTree(srcDir);
  addTree(path.join(repoRoot, 'schemas'));
  return hash.digest('hex').slice(0, 16);
}

let cached: Promise<Uint8Array> | undefined;

/**
 * A migrated embedded database with the core entities, as a data-directory copy: test apps on
 * PGlite start from it (about a second) instead of running initdb, the migrations and the core
 * entities' creation (tens of seconds on a busy machine). Kept in the temp folder across test
 * files and runs; rebuilt when the sources that shape the database change.
 */
export function pgliteSnapshot(): Promise<Uint8Array> {
  cached ??= loadOrBuild();
  return cached;
}

async function loadOrBuild(): Promise<Uint8Array> {
  const dir = path.join(tmpdir(), 'crm-pglite-snapshots');
  const file = path.join(dir, `${sourcesKey()}.tar`);
  try {
    return new Uint8Array(readFileSync(file));
  } catch {
    // not built yet
  }
  const core = await createCore({ dataDir: 'memory://' });
  await core.indexes.idle();
  const snapshot = await dumpPgliteDataDir(core.orm);
  await core.close();
  mkdirSync(dir, { recursive: true });
  // Written aside then renamed, so a test file running in parallel never reads half a snapshot.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, snapshot);
  renameSync(partial, file);
  return snapshot;
}
