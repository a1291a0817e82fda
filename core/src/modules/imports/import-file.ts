import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { sql, type Kysely } from 'kysely';
import { CrmError } from '../../errors/crm-error.js';

export const IMPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** A cell as read: CSV gives text, XLSX also numbers, booleans and dates. */
export type RawCell = string | number | boolean | Date | null;

export interface FileRow {
  /** Position among the data rows, the header excluded: 1 is the first data row. */
  row: number;
  cells: RawCell[];
}

const CHUNK_BYTES = 1024 * 1024;
const MAX_CELL_CHARS = 100_000;
const MAX_RECORD_CHARS = 1_000_000;
const MAX_COLUMNS = 500;

/**
 * The uploaded file lives in the database (crm_import_chunk, 1 MB per row) rather than on one
 * server's disk, so that any API process can run or resume the import after a crash.
 */
export async function storeChunks(db: Kysely<unknown>, jobId: string, body: AsyncIterable<Buffer | Uint8Array | string>, maxBytes: number): Promise<number> {
  let size = 0;
  let seq = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const data = Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    await sql`insert into crm_import_chunk (job_id, seq, data) values (${jobId}::uuid, ${seq++}, ${data})`.execute(db);
  };
  for await (const piece of body) {
    const buffer = typeof piece === 'string' ? Buffer.from(piece) : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    size += buffer.byteLength;
    if (size > maxBytes) throw new CrmError('CRM_ERR_IMPORT_FILE_TOO_LARGE', { params: { max: Math.round(maxBytes / 1024 / 1024) } });
    pending.push(buffer);
    pendingBytes += buffer.byteLength;
    if (pendingBytes >= CHUNK_BYTES) await flush();
  }
  await flush();
  return size;
}

/** The stored file as a byte stream, one chunk (one query) at a time as the reader asks. */
export function chunkStream(db: Kysely<unknown>, jobId: string): Readable {
  return Readable.from((async function* () {
    for (let seq = 0; ; seq++) {
      const { rows } = await sql<{ data: Uint8Array }>`select data from crm_import_chunk where job_id = ${jobId}::uuid and seq = ${seq}`.execute(db);
      if (!rows[0]) return;
      yield Buffer.from(rows[0].data);
    }
  })(), { objectMode: false });
}

/** Whether a text decoder knows the encoding's name (utf-8, gb18030, gbk, big5, utf-16le, shift_jis…). */
export function checkEncoding(encoding: string): string {
  try {
    return new TextDecoder(encoding).encoding;
  } catch {
    throw new CrmError('CRM_ERR_BAD_REQUEST', { params: { reason: `unknown encoding "${encoding}"` } });
  }
}

/**
 * The rows of a file: the header row, then each data row. Streaming: CSV is decoded and parsed
 * chunk by chunk, XLSX read with exceljs' streaming reader (first worksheet). Unreadable
 * input becomes a 400 naming the row.
 */
export async function* readFile(source: Readable, format: ImportFormat, encoding: string): AsyncGenerator<RawCell[]> {
  if (format === 'csv') yield* readCsv(source, encoding);
  else yield* readXlsx(source);
}

async function* readCsv(source: Readable, encoding: string): AsyncGenerator<RawCell[]> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let offset = 0;
  const decode = (chunk?: Buffer): string => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new CrmError('CRM_ERR_IMPORT_ENCODING', { params: { encoding }, details: { offset } });
    } finally {
      offset += chunk?.byteLength ?? 0;
    }
  };
  // Enough text for the first line, from which the delimiter is guessed (comma, semicolon, tab, bar).
  let head = '';
  let ended = false;
  while (!head.includes('\n') && head.length < 65536) {
    const read = await chunks.next();
    if (read.done) {
      head += decode();
      ended = true;
      break;
    }
    head += decode(read.value);
  }
  if (!head.trim()) throw fileInvalid('the file is empty', 0);
  const parser = parse({ delimiter: guessDelimiter(head), bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_RECORD_CHARS });
  const texts = Readable.from((async function* () {
    yield head;
    if (ended) return;
    for (;;) {
      const read = await chunks.next();
      if (read.done) {
        const rest = decode();
        if (rest) yield rest;
        return;
      }
      yield decode(read.value);
    }
  })());
  texts.on('error', (error) => parser.destroy(error));
  texts.pipe(parser);
  let line = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      checkRecord(record, line);
      line++;
      yield record;
    }
  } catch (error) {
    if (error instanceof CrmError) throw error;
    const code = (error as { code?: string }).code ?? '';
    const reason = code === 'CSV_MAX_RECORD_SIZE' ? `a row is longer than ${MAX_RECORD_CHARS} characters`
      : code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted cell is never closed'
        : code.startsWith('CSV_') ? (error as Error).message : 'the file is not valid CSV';
    throw fileInvalid(reason, line);
  }
}

function guessDelimiter(head: string): string {
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t', '|'].map((d) => [d, firstLine.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}

async function* readXlsx(source: Readable): AsyncGenerator<RawCell[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'ignore' });
  let line = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as unknown[]).slice(1).map(cellValue);
        // Rows the sheet skips (all empty) count too, so row numbers match what the user sees.
        while (line < row.number - 1) {
          if (line > 0) yield [];
          line++;
        }
        checkRecord(values, line);
        line++;
        yield values;
      }
      return; // the first worksheet only
    }
  } catch (error) {
    if (error instanceof CrmError) throw error;
    throw fileInvalid('the file is not an XLSX workbook', line);
  }
}

/** exceljs cell values → plain values: rich text joined, formulas by their result, links by their text. */
function cellValue(value: unknown): RawCell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (v.richText) return v.richText.map((part) => part.text).join('');
    if ('result' in v) return cellValue(v.result);
    if (v.text !== undefined) return cellValue(v.text);
    if (v.error) return v.error;
  }
  return String(value);
}

function checkRecord(record: RawCell[], line: number): void {
  if (record.length > MAX_COLUMNS) throw fileInvalid(`a row has more than ${MAX_COLUMNS} columns`, line);
  for (const cell of record) {
    if (typeof cell === 'string' && cell.length > MAX_CELL_CHARS) throw fileInvalid(`a cell is longer than ${MAX_CELL_CHARS} characters`, line);
  }
}

/** Checks the header row: present, no blank or repeated names. */
export function checkHeaders(cells: RawCell[] | undefined): string[] {
  if (!cells || cells.length === 0) throw fileInvalid('the file has no header row', 0);
  const headers = cells.map((cell) => (cell === null ? '' : cell instanceof Date ? cell.toISOString() : String(cell)).trim());
  while (headers.length && headers.at(-1) === '') headers.pop();
  const blank = headers.findIndex((h) => h === '');
  if (headers.length === 0) throw fileInvalid('the header row is empty', 0);
  if (blank >= 0) throw fileInvalid(`column ${blank + 1} of the header row has no name`, 0);
  const seen = new Set<string>();
  for (const header of headers) {
    if (seen.has(header.toLowerCase())) throw fileInvalid(`the header "${header}" appears twice`, 0);
    seen.add(header.toLowerCase());
  }
  return headers;
}

function fileInvalid(reason: string, line: number): CrmError {
  return new CrmError('CRM_ERR_IMPORT_FILE_INVALID', { params: { reason }, details: { row: line } });
}
