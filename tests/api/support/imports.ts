import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { ApiClient } from '@crm/core/testing';

export interface ImportJob {
  id: string;
  status: string;
  running: boolean;
  headers: string[];
  suggestedMapping?: Record<string, string>;
  totalRows: number;
  processedRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  failed: number;
  dryRun: { status: string; processedRows: number; validRows: number; failedRows: number } | null;
  error: { code: string; message: string } | null;
}

export interface RowError { row: number; column: string | null; field: string | null; code: string; message: string }

export async function upload(client: ApiClient, entity: string, body: Buffer | string, options: { type?: string; fileName?: string; encoding?: string } = {}) {
  const query = new URLSearchParams({ entity, fileName: options.fileName ?? 'data.csv', ...(options.encoding ? { encoding: options.encoding } : {}) });
  return client.inject({ method: 'POST', url: `/api/imports?${query}`, headers: { 'content-type': options.type ?? 'text/csv' }, payload: body });
}

/** Polls the job until it leaves the running states (bounded: 60 s). */
export async function waitFor(client: ApiClient, id: string, done: (job: ImportJob) => boolean = (job) => !['running', 'validating'].includes(job.status) && !job.running): Promise<ImportJob> {
  const until = Date.now() + 60_000;
  for (;;) {
    const job = (await client.inject({ method: 'GET', url: `/api/imports/${id}` })).json() as ImportJob;
    if (done(job)) return job;
    if (Date.now() > until) throw new Error(`import ${id} still ${job.status}: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
}

export async function errorsOf(client: ApiClient, id: string, phase: 'run' | 'dry_run' = 'run'): Promise<RowError[]> {
  const all: RowError[] = [];
  let after: number | null = 0;
  while (after !== null) {
    const page = (await client.inject({ method: 'GET', url: `/api/imports/${id}/errors?phase=${phase}&limit=1000&after=${after}` })).json() as { data: RowError[]; next_after: number | null };
    all.push(...page.data);
    after = page.next_after;
  }
  return all;
}

export function csv(rows: (string | number)[][]): string {
  return rows.map((row) => row.map((cell) => {
    const text = String(cell);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }).join(',')).join('\r\n') + '\r\n';
}

export function parseCsv(text: string): string[][] {
  return parse(text, { bom: true }) as string[][];
}

export async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Data');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function readXlsx(buffer: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}
