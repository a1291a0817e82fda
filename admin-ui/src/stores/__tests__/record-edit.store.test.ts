import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeApi } from '../../test-support/fake-fetch';
import { sampleDefinition } from '../../test-support/definitions';
import { useRecordEditStore } from '../record-edit.store';

const translate = (key: string) => key;
const stored = { id: 'r1', version: 3, name: 'Deal', stage: 'open', amount: '10.00' };

describe('record edit store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('refuses to send an invalid draft', async () => {
    const seen = fakeApi(({ url }) => (url.pathname === '/api/meta/entities/deal' ? { body: { name: 'deal', version: 1, owner: 'core', definition: sampleDefinition() } } : undefined));
    const edit = useRecordEditStore();
    await edit.start('deal');
    expect(await edit.save('en', translate)).toEqual({ status: 'invalid' });
    expect(edit.errors).toEqual({ name: ['required'], stage: ['required'] });
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('PATCHes only the changed fields with If-Match, and shows a conflict on 409', async () => {
    let conflict = true;
    const seen = fakeApi(({ method, url, body }) => {
      if (url.pathname === '/api/meta/entities/deal') return { body: { name: 'deal', version: 1, owner: 'core', definition: sampleDefinition() } };
      if (method === 'GET' && url.pathname === '/api/records/deal/r1') return { body: stored };
      if (method === 'PATCH' && conflict) {
        conflict = false;
        return { status: 409, body: { code: 'CRM_ERR_VERSION_CONFLICT', message: 'changed', details: { current: { ...stored, version: 4, stage: 'won' } } } };
      }
      if (method === 'PATCH') return { body: { ...stored, stage: 'won', ...(body as object), version: 5 } };
      return undefined;
    });
    const edit = useRecordEditStore();
    await edit.start('deal', 'r1');
    edit.setValue('amount', '12.50');
    expect(await edit.save('en', translate)).toEqual({ status: 'conflict' });
    const first = seen.find((r) => r.method === 'PATCH')!;
    expect(first.body).toEqual({ amount: '12.50' });
    expect(first.headers['if-match']).toBe('"3"');
    expect(edit.conflict?.version).toBe(4);

    const outcome = await edit.keepMine('en', translate);
    expect(outcome.status).toBe('saved');
    const retry = seen.filter((r) => r.method === 'PATCH')[1]!;
    expect(retry.headers['if-match']).toBe('"4"');
    expect(retry.body).toEqual({ amount: '12.50' });
    expect(edit.draft.stage).toBe('won');
    expect(edit.dirty).toBe(false);
  });

  it('shows server field errors under their fields', async () => {
    fakeApi(({ method, url }) => {
      if (url.pathname === '/api/meta/entities/deal') return { body: { name: 'deal', version: 1, owner: 'core', definition: sampleDefinition() } };
      if (method === 'POST') return { status: 400, body: { code: 'CRM_ERR_VALIDATION', message: 'invalid', fields: [{ path: '/name', keyword: 'unique', message: 'already used' }] } };
      return undefined;
    });
    const edit = useRecordEditStore();
    await edit.start('deal');
    edit.setValue('name', 'Dup');
    edit.setValue('stage', 'open');
    expect(await edit.save('en', translate)).toEqual({ status: 'invalid' });
    expect(edit.errors).toEqual({ name: ['already used'] });
  });
});
