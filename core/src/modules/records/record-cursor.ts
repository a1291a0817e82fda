import { CrmError } from '../../errors/crm-error.js';

interface CursorPayload {
  /** The sort the cursor belongs to; a cursor from another sort is refused. */
  s: string;
  v: (string | null)[];
}

export function encodeCursor(signature: string, values: (string | null)[]): string {
  return Buffer.from(JSON.stringify({ s: signature, v: values } satisfies CursorPayload)).toString('base64url');
}

export function decodeCursor(cursor: string, signature: string, keyCount: number): (string | null)[] {
  try {
    const payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorPayload;
    const valid =
      payload.s === signature &&
      Array.isArray(payload.v) &&
      payload.v.length === keyCount &&
      payload.v.every((v) => v === null || (typeof v === 'string' && v.length <= 2000));
    if (valid) return payload.v;
  } catch {
    // fall through: any undecodable cursor is the same client error
  }
  throw new CrmError('CRM_ERR_INVALID_CURSOR');
}
