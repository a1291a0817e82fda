#!/usr/bin/env node
// Runs every test suite of the workspace and closes with one line "N passed, N failed[, N skipped]"
// summed from the runners' JSON reports (CI reads that line).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reports = path.join(root, '.reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;

function run(label, command, args, options = {}) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...options.env } });
  return result.status === 0;
}

function vitest(label, dir, env = {}) {
  const report = path.join(reports, `${label.replace(/\W+/g, '-')}.json`);
  const ok = run(label, 'pnpm', ['--dir', dir, 'exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`], { env });
  if (!existsSync(report)) {
    console.error(`✗ ${label}: the runner wrote no report`);
    totals.failed += 1;
    broken = true;
    return;
  }
  const json = JSON.parse(readFileSync(report, 'utf8'));
  totals.passed += json.numPassedTests ?? 0;
  totals.failed += json.numFailedTests ?? 0;
  totals.skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  // A suite that fails to load counts no test; count it as a failure so it cannot pass silently.
  const failedSuites = (json.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0).length;
  totals.failed += failedSuites;
  if (!ok && json.numFailedTests === 0 && failedSuites === 0) broken = true;
}

function playwright(label, dir) {
  const report = path.join(reports, 'e2e.json');
  const ok = run(label, 'pnpm', ['--dir', dir, 'exec', 'playwright', 'test']);
  if (!existsSync(report)) {
    console.error(`✗ ${label}: the runner wrote no report`);
    totals.failed += 1;
    broken = true;
    return;
  }
  const { stats } = JSON.parse(readFileSync(report, 'utf8'));
  totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  totals.failed += stats.unexpected ?? 0;
  totals.skipped += stats.skipped ?? 0;
  if (!ok && !stats.unexpected) broken = true;
}

function check(label, command, args) {
  if (run(label, command, args)) totals.passed += 1;
  else totals.failed += 1;
}

check('generate types from the schemas', 'pnpm', ['gen:types']);
check('type-check every package against them', 'pnpm', ['typecheck']);
vitest('schemas', 'schemas');
vitest('core', 'core');
vitest('api on postgresql', 'tests');
vitest('api on pglite', 'tests', { CRM_TEST_DRIVER: 'pglite' });
vitest('admin-ui', 'admin-ui');
playwright('admin ui in chromium', 'tests/e2e');

const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed > 0 || broken ? 1 : 0);
