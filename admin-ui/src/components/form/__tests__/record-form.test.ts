import { mount } from '@vue/test-utils';
import { nextTick } from 'vue';
import { describe, expect, it } from 'vitest';
import { sampleDefinition } from '../../../test-support/definitions';
import { mountPlugins } from '../../../test-support/mount-options';
import RecordForm from '../RecordForm.vue';

describe('record form layout and keyboard', () => {
  const mountForm = (extra: Record<string, unknown> = {}) =>
    mount(RecordForm, { props: { definition: sampleDefinition(), values: {}, errors: {}, autofocus: true, ...extra }, ...mountPlugins(), attachTo: document.body });

  it('lays fields out by the definition\'s sections, in their order, then the rest under "More fields"', async () => {
    const definition = sampleDefinition();
    definition['x-crm-sections'] = [{ id: 'main', label: { 'zh-CN': '主要', en: 'Main', es: 'Principal' }, fields: ['amount', 'name', 'old_code'] }];
    const wrapper = mountForm({ definition });
    const fields = (section: string) => wrapper.findAll(`[data-section="${section}"] [data-field]`).map((f) => f.attributes('data-field'));
    expect(wrapper.findAll('.record-form__title').map((t) => t.text())).toEqual(['Main', 'More fields']);
    expect(fields('main')).toEqual(['amount', 'name']);
    expect(fields('_more')).toEqual(['stage', 'seats', 'email', 'customer', 'lines']);
    wrapper.unmount();
  });

  it('starts in the first field; Enter moves on, Ctrl+Enter saves, Esc cancels; read-only fields are disabled', async () => {
    const wrapper = mountForm({ readOnly: ['amount'] });
    await nextTick();
    await nextTick();
    const name = wrapper.find('[data-field="name"] input');
    expect(document.activeElement).toBe(name.element);
    await name.trigger('keydown', { key: 'Enter' });
    expect(document.activeElement).not.toBe(name.element);
    expect(wrapper.find('[data-field="amount"] input').attributes('disabled')).toBeDefined();
    await name.trigger('keydown', { key: 'Enter', ctrlKey: true });
    await name.trigger('keydown', { key: 'Escape' });
    expect(wrapper.emitted('submit')).toHaveLength(1);
    expect(wrapper.emitted('cancel')).toHaveLength(1);
    wrapper.unmount();
  });

  it('puts the focus on the first field in error', async () => {
    const wrapper = mountForm({ errors: { amount: ['Enter a number'] } });
    await (wrapper.vm as unknown as { focusFirstError: () => Promise<void> }).focusFirstError();
    expect(document.activeElement).toBe(wrapper.find('[data-field="amount"] input').element);
    wrapper.unmount();
  });
});
