import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { reactive } from 'vue';
import type { FilterCondition } from '../../../query/filter-model';
import { sampleDefinition } from '../../../test-support/definitions';
import { mountPlugins } from '../../../test-support/mount-options';
import FilterBuilder from '../FilterBuilder.vue';
import RecordTable from '../RecordTable.vue';
import CursorPager from '../CursorPager.vue';

describe('record table', () => {
  const rows = [{ id: 'r1', version: 1, name: 'A', stage: 'won', amount: '5.00' }];

  it('shows choice labels and emits sort on header click, additive with shift', async () => {
    const wrapper = mount(RecordTable, {
      props: { definition: sampleDefinition(), rows, columns: ['name', 'stage', 'amount'], sort: [{ field: 'name', descending: true }] },
      ...mountPlugins(),
      attachTo: document.body,
    });
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(wrapper.text()).toContain('Won');
    expect(wrapper.find('[data-column="name"]').attributes('aria-sort')).toBe('descending');
    await wrapper.find('[data-column="stage"]').trigger('click');
    await wrapper.find('[data-column="amount"]').trigger('click', { shiftKey: true });
    expect(wrapper.emitted('sort')).toEqual([
      ['stage', false],
      ['amount', true],
    ]);
  });
});

describe('filter builder', () => {
  it('starts from the applied conditions (a store\'s reactive array) and applies the edited ones', async () => {
    const applied = reactive<FilterCondition[]>([{ field: 'stage', operator: '_eq', value: 'won' }]);
    const wrapper = mount(FilterBuilder, { props: { definition: sampleDefinition(), applied }, ...mountPlugins() });
    expect(wrapper.findAll('[data-condition]')).toHaveLength(1);
    await wrapper.find('.filter-builder__add').trigger('click');
    expect(wrapper.findAll('[data-condition]')).toHaveLength(2);
    await wrapper.find('.filter-builder__apply').trigger('click');
    expect(wrapper.emitted('apply')![0]![0]).toEqual([
      { field: 'stage', operator: '_eq', value: 'won' },
      { field: '', operator: '_eq', value: undefined },
    ]);
  });
});

describe('cursor pager', () => {
  it('shows an exact total as a count and an estimated one as "about"', async () => {
    const props = { page: 1, hasMore: true, pageSize: 20, sizes: [20, 50] };
    const exact = mount(CursorPager, { props: { ...props, total: 3 }, ...mountPlugins() });
    expect(exact.find('.cursor-pager__total').text()).toBe('3 records in total');
    const estimated = mount(CursorPager, { props: { ...props, total: 120000, totalEstimated: true }, ...mountPlugins() });
    expect(estimated.find('.cursor-pager__total').text()).toBe('about 120,000 records');
  });
});
