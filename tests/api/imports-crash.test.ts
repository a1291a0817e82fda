import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp, createCore, type Core } from '@crm/core';
import { createTestApp, signInClient, TEST_ADMIN_PASSWORD, testDriver, type ApiClient, type TestApp } from '@crm/core/testing';
import type { FastifyInstance } from 'fastify';
import { csv, errorsOf, waitFor } from './support/imports.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROWS = 400;
const isBad = (i: number) => i % 9 === 4; // no name: the schema requires one

describe('an import killed half way and run again', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'crm-import-crash-'));
  let t: TestApp | undefined;
  let core: Core | undefined;
  let server: FastifyInstance | undefined;

  afterAll(async () => {
    await server?.close();
    await core?.close();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('neither loses nor duplicates a row: exactly the good rows, once', async () => {
    const rows = Array.from({ length: ROWS }, (_, i) => [isBad(i) ? '' : `Crash ${String(i).padStart(4, '0')}`, 'individual', `City ${i % 10}`]);
    const file = path.join(dir, 'crash.csv');
    writeFileSync(file, csv([['name', 'customer_type', 'city'], ...rows]));
    const driver = testDriver();
    let target: string;
    if (driver === 'postgres') {
      t = await createTestApp({ driver: 'postgres' });
      target = t.databaseUrl!;
    } else {
      target = path.join(dir, 'pglite');
    }

    // The first server process imports in batches of 20 rows and is killed after a few batches.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'support/import-child.ts'), target, file], {
      cwd: path.resolve(here, '..'), env: { ...process.env, CRM_IMPORT_BATCH_SIZE: '20' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    let jobId: string | undefined;
    let killedAt = 0;
    for await (const line of createInterface({ input: child.stdout })) {
      const progress = JSON.parse(line) as { id: string; processedRows: number; status: string };
      jobId = progress.id;
      if (progress.status !== 'running') break;
      if (progress.processedRows >= 100) {
        killedAt = progress.processedRows;
        child.kill('SIGKILL');
        break;
      }
    }
    expect(await exited, stderr).toBe('SIGKILL');
    expect(killedAt).toBeGreaterThan(0);
    expect(killedAt).toBeLessThan(ROWS);

    // A new process on the same database: the import resumes after its last committed batch.
    let client: ApiClient;
    if (t) client = t.app;
    else {
      core = await createCore({ dataDir: target });
      server = await buildApp(core);
      client = await signInClient(server, 'admin', TEST_ADMIN_PASSWORD);
    }
    if (t) {
      // (The embedded database's new process resumes the import as it starts, so only here can we look in between.)
      const before = (await client.inject({ method: 'GET', url: `/api/records/customer?total=true&limit=1` })).json().total as number;
      expect(before).toBeGreaterThan(0);
      expect(before).toBeLessThan(rows.filter((_, i) => !isBad(i)).length);
    }
    const resumed = await client.inject({ method: 'POST', url: `/api/imports/${jobId}/start`, payload: {} });
    // Re-run by hand (PostgreSQL here); the embedded database's new process has resumed it on its own.
    if (t) expect(resumed.statusCode, resumed.body).toBe(202);
    else expect([202, 409], resumed.body).toContain(resumed.statusCode);
    const job = await waitFor(client, jobId!);
    const good = rows.filter((_, i) => !isBad(i)).map((r) => r[0]);
    expect(job).toMatchObject({ status: 'completed', processedRows: ROWS, inserted: good.length, failed: ROWS - good.length });

    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await client.inject({ method: 'GET', url: `/api/records/customer?limit=500&fields=name${cursor ? `&cursor=${cursor}` : ''}` })).json() as { data: { name: string }[]; page: { next_cursor: string | null } };
      names.push(...page.data.map((r) => r.name));
      cursor = page.page.next_cursor;
    } while (cursor);
    expect(names.length).toBe(good.length);
    expect(names.sort()).toEqual(good.sort());
    const errors = await errorsOf(client, jobId!);
    const badRows = rows.map((_, i) => i + 1).filter((row) => isBad(row - 1));
    expect(errors.map((e) => e.row)).toEqual(badRows);
    expect(errors.every((e) => e.field === 'name')).toBe(true);
  });
});
