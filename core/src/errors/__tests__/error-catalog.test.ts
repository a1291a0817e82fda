import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CrmError } from '../crm-error.js';
import { errorCatalog, type ErrorCode } from '../error-catalog.js';

const docs = readFileSync(new URL('../../../../docs/errors.md', import.meta.url), 'utf8');
const codes = Object.keys(errorCatalog) as ErrorCode[];

describe('error catalog', () => {
  it('documents every code with its HTTP status in docs/errors.md', () => {
    for (const code of codes) {
      expect(docs, code).toContain(`| \`${code}\` | ${errorCatalog[code].status} |`);
    }
  });

  it('has a message in every language for every code, with the same placeholders', () => {
    for (const code of codes) {
      const { message } = errorCatalog[code];
      const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(placeholders(message['zh-CN']), code).toEqual(placeholders(message.en));
      expect(placeholders(message.es), code).toEqual(placeholders(message.en));
    }
  });

  it('fills placeholders in the requested language', () => {
    const error = new CrmError('CRM_ERR_ENTITY_NOT_FOUND', { params: { entity: 'invoice' } });
    expect(error.statusCode).toBe(404);
    expect(error.localizedMessage('zh-CN')).toBe('未知的实体"invoice"');
    expect(error.localizedMessage('es')).toBe('Entidad desconocida "invoice"');
  });
});
