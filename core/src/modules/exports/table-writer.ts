import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';

export const TABLE_FORMATS = ['csv', 'xlsx'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

export const CONTENT_TYPES: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A cell as the writers take it: text, or a number / boolean that a spreadsheet should keep typed. */
export type Cell = string | number | boolean | null;

/**
 * Streams a table as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read Chinese
 * text correctly) or as an XLSX workbook written row by row: the rows are pulled from `rows`
 * as the client reads, so an export of any size never sits in memory.
 */
export function tableStream(format: TableFormat, headers: string[], rows: AsyncIterable<Cell[]>, sheetName = 'Sheet1'): Readable {
  return format === 'csv' ? csvStream(headers, rows) : xlsxStream(headers, rows, sheetName);
}

function csvStream(headers: string[], rows: AsyncIterable<Cell[]>): Readable {
  const source = Readable.from((async function* () {
    yield headers;
    for await (const row of rows) yield row.map((cell) => (cell === null ? '' : cell));
  })(), { objectMode: true });
  const csv = stringify({ bom: true, cast: { boolean: (value) => (value ? 'true' : 'false') } });
  source.on('error', (error) => csv.destroy(error));
  return source.pipe(csv);
}

function xlsxStream(headers: string[], rows: AsyncIterable<Cell[]>, sheetName: string): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31).replace(/[[\]:*?/\\]/g, ' ') || 'Sheet1');
  void (async () => {
    sheet.addRow(headers).commit();
    for await (const row of rows) {
      sheet.addRow(row).commit();
      // Respect the reader's pace: exceljs writes without waiting for the stream to drain.
      if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

/** A decimal string as a spreadsheet number only when the number says exactly the same. */
export function decimalCell(value: string, format: TableFormat): Cell {
  if (format === 'csv') return value;
  const number = Number(value);
  return Number.isFinite(number) && normalDecimal(String(number)) === normalDecimal(value) ? number : value;
}

function normalDecimal(text: string): string {
  const [whole = '', fraction = ''] = text.replace(/^(-?)0+(?=\d)/, '$1').split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return trimmed ? `${whole}.${trimmed}` : whole;
}

export function attachmentName(base: string, format: TableFormat): string {
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `${base}-${stamp}.${format}`;
}
