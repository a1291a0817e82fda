import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test-support/fake-fetch';
import { sampleDefinition } from '../../../test-support/definitions';
import { mountWithRouter } from '../../../test-support/mount-options';
import { useMetadataStore } from '../../../stores/metadata.store';
import RecordTimeline from '../RecordTimeline.vue';

const label = (en: string) => ({ 'zh-CN': en, en, es: en });
const activity = {
  ...sampleDefinition(),
  'x-crm-entity': 'activity',
  'x-crm-title-field': 'subject',
  properties: {
    subject: { 'x-crm-type': 'text', 'x-crm-label': label('Subject'), type: 'string', maxLength: 200 },
    channel: { 'x-crm-type': 'choice', 'x-crm-label': label('Channel'), type: 'string', enum: ['call'], 'x-crm-choices': { call: label('Phone call') } },
    deal: { 'x-crm-type': 'reference', 'x-crm-label': label('Deal'), type: 'string', format: 'uuid', 'x-crm-ref': 'deal' },
  },
};

describe('record timeline', () => {
  it('merges interactions pointing at the record with its audit trail, newest first', async () => {
    const seen = fakeApi(({ url }) => {
      if (url.pathname === '/api/meta/entities/activity') return { body: { name: 'activity', version: 1, owner: 'core', definition: activity } };
      if (url.pathname === '/api/records/activity') {
        return { body: { data: [{ id: 'a1', version: 1, subject: 'Called them', channel: 'call', occurred_at: '2026-03-02T10:00:00Z' }], page: { limit: 20, has_more: false, next_cursor: null } } };
      }
      if (url.pathname === '/api/records/deal/d1/history') {
        return {
          body: {
            data: [
              { id: 'h1', occurred_at: '2026-03-01T09:00:00Z', actor_id: 'u1', action: 'create', changes: { name: { before: null, after: 'Big deal' } } },
              { id: 'h2', occurred_at: '2026-03-03T09:00:00Z', actor_id: 'u1', action: 'update', changes: { stage: { before: 'open', after: 'won' }, owner_id: { before: 'u1', after: 'u2' } } },
            ],
          },
        };
      }
      if (url.pathname === '/api/org/users') return { body: { data: [{ id: 'u1', display_name: 'Li Na', active: true, roles: [] }, { id: 'u2', display_name: 'Zhang Wei', active: true, roles: [] }] } };
      return undefined;
    });
    const { options } = mountWithRouter();
    const metadata = useMetadataStore();
    metadata.entities = [{ name: 'activity', version: 1, owner: 'core', label: label('Activity'), labelPlural: label('Activities'), fieldCount: 3 }];
    const wrapper = mount(RecordTimeline, { props: { entity: 'deal', id: 'd1', definition: sampleDefinition() }, ...options });
    await flushPromises();
    await flushPromises();
    expect(JSON.parse(seen.find((r) => r.url.pathname === '/api/records/activity')!.url.searchParams.get('filter')!)).toEqual({ _or: [{ deal: { _eq: 'd1' } }] });
    const items = wrapper.findAll('[data-timeline]');
    expect(items.map((i) => i.attributes('data-timeline'))).toEqual(['change', 'interaction', 'change']);
    expect(items[0]!.text()).toContain('Li Na changed');
    expect(wrapper.find('[data-changed-field="stage"]').text()).toBe('Stage: Open → Won');
    expect(wrapper.find('[data-changed-field="owner_id"]').text()).toBe('Owner: Li Na → Zhang Wei');
    expect(items[1]!.text()).toContain('Called them');
    expect(items[1]!.text()).toContain('Phone call');
    expect(items[2]!.text()).toContain('Li Na created the record');

    await wrapper.findAll('.el-radio-button')[2]!.find('input').setValue(true);
    expect(wrapper.findAll('[data-timeline]').map((i) => i.attributes('data-timeline'))).toEqual(['change', 'change']);
  });
});
