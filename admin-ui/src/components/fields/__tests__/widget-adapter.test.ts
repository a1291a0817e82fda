import type { FieldSchema, FieldType } from '@crm/schemas';
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import RecordForm from '../../form/RecordForm.vue';
import { mountPlugins } from '../../../test-support/mount-options';
import { sampleDefinition } from '../../../test-support/definitions';
import AttachmentWidget from '../AttachmentWidget.vue';
import BooleanWidget from '../BooleanWidget.vue';
import ChoiceWidget from '../ChoiceWidget.vue';
import DatetimeWidget from '../DatetimeWidget.vue';
import DateWidget from '../DateWidget.vue';
import DecimalWidget from '../DecimalWidget.vue';
import IntegerWidget from '../IntegerWidget.vue';
import JsonWidget from '../JsonWidget.vue';
import LinesWidget from '../LinesWidget.vue';
import LongtextWidget from '../LongtextWidget.vue';
import MultichoiceWidget from '../MultichoiceWidget.vue';
import ReferenceWidget from '../ReferenceWidget.vue';
import TextWidget from '../TextWidget.vue';
import { widgetFor } from '../widget-adapter';

const expected: Record<FieldType, unknown> = {
  text: TextWidget,
  longtext: LongtextWidget,
  email: TextWidget,
  phone: TextWidget,
  url: TextWidget,
  integer: IntegerWidget,
  decimal: DecimalWidget,
  boolean: BooleanWidget,
  date: DateWidget,
  datetime: DatetimeWidget,
  choice: ChoiceWidget,
  multichoice: MultichoiceWidget,
  reference: ReferenceWidget,
  references: ReferenceWidget,
  json: JsonWidget,
  attachment: AttachmentWidget,
  lines: LinesWidget,
};

describe('field widget adapter', () => {
  it.each(Object.entries(expected))('edits a %s field with its widget', (type, component) => {
    expect(widgetFor({ 'x-crm-type': type as FieldType })).toBe(component);
  });

  it('renders the generated form with the adapter widget of each visible field', () => {
    const definition = sampleDefinition();
    const wrapper = mount(RecordForm, { props: { definition, values: { name: 'A' }, errors: { amount: ['bad amount'] } }, ...mountPlugins() });
    expect(wrapper.findComponent(TextWidget).exists()).toBe(true);
    expect(wrapper.findComponent(ChoiceWidget).exists()).toBe(true);
    expect(wrapper.findComponent(DecimalWidget).exists()).toBe(true);
    expect(wrapper.findComponent(IntegerWidget).exists()).toBe(true);
    expect(wrapper.findComponent(LinesWidget).exists()).toBe(true);
    expect(wrapper.find('[data-field="old_code"]').exists()).toBe(false);
    expect(wrapper.find('[data-field="amount"] [role="alert"]').text()).toBe('bad amount');
  });

  it('keeps a decimal as the exact string typed', async () => {
    const schema = sampleDefinition().properties.amount as FieldSchema;
    const wrapper = mount(DecimalWidget, { props: { schema, name: 'amount', modelValue: '1' }, ...mountPlugins() });
    await wrapper.find('input').setValue('0.10');
    expect(wrapper.emitted('update:modelValue')!.at(-1)).toEqual(['0.10']);
  });

  it('turns an unparsable JSON text into a string value the schema check refuses', async () => {
    const schema = { 'x-crm-type': 'json', 'x-crm-label': { 'zh-CN': 'J', en: 'J', es: 'J' }, type: 'object' } as FieldSchema;
    const wrapper = mount(JsonWidget, { props: { schema, name: 'extra' }, ...mountPlugins() });
    await wrapper.find('textarea').setValue('{"a": 1}');
    expect(wrapper.emitted('update:modelValue')!.at(-1)).toEqual([{ a: 1 }]);
    await wrapper.find('textarea').setValue('{"a": ');
    expect(wrapper.emitted('update:modelValue')!.at(-1)).toEqual(['{"a": ']);
  });
});
