import { mulberry32 } from '@crm/core';

/** A seeded random source, so test data is the same on every run. */
export function mulberry(seed: number): () => number {
  return mulberry32(seed);
}

/** "1234.5" → 123450n: decimal strings added up exactly, independently of the database. */
export function cents(value: string): bigint {
  const [whole = '0', fraction = ''] = value.split('.');
  const negative = whole.startsWith('-');
  const magnitude = BigInt(whole.replace('-', '')) * 100n + BigInt((fraction + '00').slice(0, 2));
  return negative ? -magnitude : magnitude;
}

export function formatCents(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** The average of amounts in cents, rounded half away from zero to 4 decimals. */
export function roundedAverage(sumCents: bigint, count: number): string {
  const scaled = sumCents * 100n; // in 1/10000
  const n = BigInt(count);
  const q = (scaled * 2n + n) / (2n * n);
  return `${q / 10000n}.${String(q % 10000n).padStart(4, '0')}`;
}
