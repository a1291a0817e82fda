import { describe, expect, it } from 'vitest';
import type { FieldError } from '../../../errors/crm-error.js';
import { logChannel } from '../log-channel.js';
import { checkLocalizedText } from '../message-input.js';

describe('checkLocalizedText', () => {
  it('wants every supported language, non-empty', () => {
    const fields: FieldError[] = [];
    checkLocalizedText({ en: 'Order approved', 'zh-CN': ' ', es: 'Pedido aprobado' }, '/title', fields);
    expect(fields.map((f) => f.path)).toEqual(['/title/zh-CN']);
    const none: FieldError[] = [];
    checkLocalizedText({ en: 'Order approved', 'zh-CN': '订单已批准', es: 'Pedido aprobado' }, '/title', none);
    expect(none).toEqual([]);
    const wrong: FieldError[] = [];
    checkLocalizedText('Order approved', '/body', wrong);
    expect(wrong).toEqual([expect.objectContaining({ path: '/body', keyword: 'type' })]);
  });
});

describe('logChannel', () => {
  it('writes the whole message to the log and reports a provider id', async () => {
    const lines: { object: Record<string, unknown>; message?: string }[] = [];
    const channel = logChannel({ info: () => undefined, error: () => undefined, warn: (object, message) => lines.push({ object, message }) });
    const result = await channel.send({
      id: 'm-1', channel: 'email', to: 'li.na@example.cn', userId: null, locale: 'zh-CN', subject: '订单已批准', body: '您的订单 SO-1 已批准', data: {}, attempt: 1,
    });
    expect(result).toEqual({ providerMessageId: 'log:m-1' });
    expect(lines).toEqual([{ object: expect.objectContaining({ to: 'li.na@example.cn', subject: '订单已批准', body: '您的订单 SO-1 已批准' }), message: expect.stringContaining('no email provider') }]);
  });
});
