import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test-support/fake-fetch';
import { sampleDefinition } from '../../../test-support/definitions';
import { mountPlugins, mountWithRouter } from '../../../test-support/mount-options';
import { useMetadataStore } from '../../../stores/metadata.store';
import KanbanBoard from '../KanbanBoard.vue';
import RecordTable from '../RecordTable.vue';
import ColumnChooser from '../ColumnChooser.vue';

const settle = async () => {
  await flushPromises();
  await new Promise((resolve) => setTimeout(resolve, 30));
};

/** A DataTransfer stand-in: happy-dom's drag events carry none. */
function dataTransfer() {
  const data: Record<string, string> = {};
  return { setData: (type: string, value: string) => (data[type] = value), getData: (type: string) => data[type] ?? '', effectAllowed: 'all' };
}

describe('record table keyboard', () => {
  const rows = ['a', 'b', 'c'].map((id) => ({ id, version: 1, name: id.toUpperCase(), stage: 'open' }));

  it('moves with the arrow keys, opens with Enter and ticks with Space', async () => {
    const wrapper = mount(RecordTable, { props: { definition: sampleDefinition(), rows, columns: ['name', 'stage'], selectable: true }, ...mountPlugins(), attachTo: document.body });
    await settle();
    const wrap = wrapper.find('.record-table-wrap');
    await wrap.trigger('keydown', { key: 'ArrowDown' });
    await wrap.trigger('keydown', { key: 'ArrowDown' });
    await wrap.trigger('keydown', { key: ' ' });
    await wrap.trigger('keydown', { key: 'Enter' });
    await settle();
    expect(wrapper.emitted('open')).toEqual([[rows[1]]]);
    expect(wrapper.emitted('select')!.at(-1)).toEqual([[rows[1]]]);
    await wrap.trigger('keydown', { key: 'End' });
    await wrap.trigger('keydown', { key: 'Enter' });
    expect(wrapper.emitted('open')!.at(-1)).toEqual([rows[2]]);
    wrapper.unmount();
  });

  it('orders the chosen columns from the chooser', async () => {
    const wrapper = mount(ColumnChooser, { props: { definition: sampleDefinition(), columns: ['name', 'stage', 'amount'] }, ...mountPlugins(), attachTo: document.body });
    await wrapper.find('.column-chooser__button').trigger('click');
    await settle();
    const down = document.querySelector<HTMLButtonElement>('[aria-label="Move Name down"]')!;
    down.click();
    await settle();
    expect(wrapper.emitted('change')).toEqual([[['stage', 'name', 'amount']]]);
    wrapper.unmount();
  });
});

describe('kanban board', () => {
  function serve(patchStatus: number) {
    return fakeApi(({ url, method }) => {
      if (url.pathname === '/api/meta/entities/deal') return { body: { name: 'deal', version: 1, owner: 'core', definition: sampleDefinition(), access: { actions: ['read', 'update'], scope: 'all', readOnly: [], limits: {} } } };
      if (url.pathname === '/api/records/deal' && method === 'GET') {
        const filter = JSON.parse(url.searchParams.get('filter')!);
        const rows = filter.stage._eq === 'open' ? [{ id: 'd1', version: 3, name: 'Deal one', stage: 'open', amount: '10.00' }] : [];
        return { body: { data: rows, page: { limit: 20, has_more: false, next_cursor: null }, total: rows.length } };
      }
      if (method === 'PATCH') {
        return patchStatus === 200
          ? { body: { id: 'd1', version: 4, name: 'Deal one', stage: 'won', amount: '10.00' } }
          : { status: patchStatus, body: { code: 'CRM_ERR_VERSION_CONFLICT', message: 'changed by someone else', details: {} } };
      }
      return undefined;
    });
  }

  async function board() {
    const { options } = mountWithRouter();
    useMetadataStore().store({ name: 'deal', version: 1, owner: 'core', definition: sampleDefinition(), access: { actions: ['read', 'update'], scope: 'all', readOnly: [], limits: {} } });
    const wrapper = mount(KanbanBoard, { props: { entity: 'deal', definition: sampleDefinition(), field: 'stage', cardFields: ['name', 'amount'] }, ...options, attachTo: document.body });
    await settle();
    return wrapper;
  }

  it('shows a column per choice with its count, and a drop changes the field with the card\'s version', async () => {
    const seen = serve(200);
    const wrapper = await board();
    expect(wrapper.findAll('.kanban__label').map((l) => l.text())).toEqual(['Open', 'Won', 'No value']);
    expect(wrapper.find('[data-kanban-column="open"] .kanban__count').text()).toBe('1');
    expect(wrapper.find('[data-card="d1"]').text()).toContain('10.00');
    const transfer = dataTransfer();
    await wrapper.find('[data-card="d1"]').trigger('dragstart', { dataTransfer: transfer });
    await wrapper.find('[data-kanban-column="won"]').trigger('drop', { dataTransfer: transfer });
    await settle();
    expect(seen.find((r) => r.method === 'PATCH')).toMatchObject({ body: { stage: 'won' }, headers: { 'if-match': '"3"' } });
    expect(wrapper.find('[data-kanban-column="won"] [data-card="d1"]').exists()).toBe(true);
    expect(wrapper.find('[data-kanban-column="open"] .kanban__count').text()).toBe('0');
    wrapper.unmount();
  });

  it('puts a refused card back and says why; Alt+→ moves from the keyboard', async () => {
    serve(409);
    const wrapper = await board();
    await wrapper.find('[data-card="d1"]').trigger('keydown', { key: 'ArrowRight', altKey: true });
    await settle();
    expect(wrapper.find('[data-kanban-column="open"] [data-card="d1"]').exists()).toBe(true);
    expect(wrapper.find('.kanban__refusal').text()).toBe('"Deal one" was changed by someone else meanwhile; it went back and now shows their version. Try again.');
    wrapper.unmount();
  });
});
