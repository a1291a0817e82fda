import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api-error';
import { configureHttp, http } from '../http';
import { fakeApi } from '../../test-support/fake-fetch';

describe('API client', () => {
  afterEach(() => configureHttp({ locale: () => 'en', onUnauthorized: () => {} }));

  it('sends the UI language and JSON, and decodes the error body', async () => {
    configureHttp({ locale: () => 'zh-CN' });
    const seen = fakeApi(() => ({ status: 400, body: { code: 'CRM_ERR_VALIDATION', message: '数据未通过校验', fields: [{ path: '/name', keyword: 'required', message: '必填' }] } }));
    const error = await http('POST', '/records/customer', { body: { a: 1 } }).catch((caught: unknown) => caught);
    expect(seen[0]!.headers['accept-language']).toBe('zh-CN');
    expect(seen[0]!.headers['content-type']).toBe('application/json');
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'CRM_ERR_VALIDATION', message: '数据未通过校验', fields: [{ path: '/name' }] });
  });

  it('hands every 401 to the one unauthorized hook', async () => {
    const onUnauthorized = vi.fn();
    configureHttp({ onUnauthorized });
    fakeApi(() => ({ status: 401, body: { code: 'CRM_ERR_UNAUTHENTICATED', message: 'Sign in first' } }));
    await expect(http('GET', '/meta/entities')).rejects.toMatchObject({ code: 'CRM_ERR_UNAUTHENTICATED' });
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });
});
