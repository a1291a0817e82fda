import type { EntityDefinitionDocument } from '@crm/schemas';

const label = (en: string) => ({ 'zh-CN': en, en, es: en });

/** A small definition with one field of each kind the tests need. */
export function sampleDefinition(): EntityDefinitionDocument {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    'x-crm-entity': 'deal',
    'x-crm-label': label('Deal'),
    'x-crm-label-plural': label('Deals'),
    'x-crm-title-field': 'name',
    'x-crm-list-columns': ['name', 'stage', 'amount', 'customer', 'old_code'],
    'x-crm-owner': 'core',
    'x-crm-sections': [{ id: 'main', label: label('Main'), fields: ['name', 'stage', 'amount'] }],
    required: ['name', 'stage', 'old_code'],
    properties: {
      name: { 'x-crm-type': 'text', 'x-crm-label': { 'zh-CN': '名称', en: 'Name', es: 'Nombre' }, type: 'string', maxLength: 50 },
      stage: {
        'x-crm-type': 'choice',
        'x-crm-label': label('Stage'),
        type: 'string',
        enum: ['open', 'won'],
        'x-crm-choices': { open: { 'zh-CN': '进行中', en: 'Open', es: 'Abierta' }, won: { 'zh-CN': '赢单', en: 'Won', es: 'Ganada' } },
      },
      amount: { 'x-crm-type': 'decimal', 'x-crm-label': label('Amount'), type: 'string', pattern: '^-?\\d{1,15}(\\.\\d{1,4})?$', 'x-crm-scale': 2 },
      seats: { 'x-crm-type': 'integer', 'x-crm-label': label('Seats'), type: 'integer', minimum: 0 },
      email: { 'x-crm-type': 'email', 'x-crm-label': label('Email'), type: 'string', format: 'email', maxLength: 320 },
      customer: { 'x-crm-type': 'reference', 'x-crm-label': label('Customer'), type: 'string', format: 'uuid', 'x-crm-ref': 'customer' },
      old_code: { 'x-crm-type': 'text', 'x-crm-label': label('Old code'), type: 'string', maxLength: 10, 'x-crm-deleted': true },
      lines: {
        'x-crm-type': 'lines',
        'x-crm-label': label('Lines'),
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['quantity'],
          properties: {
            quantity: { 'x-crm-type': 'decimal', 'x-crm-label': label('Quantity'), type: 'string', pattern: '^-?\\d{1,15}(\\.\\d{1,4})?$', 'x-crm-scale': 2 },
          },
        },
      },
    },
  };
}
