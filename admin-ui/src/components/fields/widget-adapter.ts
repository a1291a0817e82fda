import type { FieldSchema, FieldType } from '@crm/schemas';
import type { Component } from 'vue';
import AttachmentWidget from './AttachmentWidget.vue';
import BooleanWidget from './BooleanWidget.vue';
import ChoiceWidget from './ChoiceWidget.vue';
import DatetimeWidget from './DatetimeWidget.vue';
import DateWidget from './DateWidget.vue';
import DecimalWidget from './DecimalWidget.vue';
import IntegerWidget from './IntegerWidget.vue';
import JsonWidget from './JsonWidget.vue';
import LinesWidget from './LinesWidget.vue';
import LongtextWidget from './LongtextWidget.vue';
import MultichoiceWidget from './MultichoiceWidget.vue';
import ReferenceWidget from './ReferenceWidget.vue';
import TextWidget from './TextWidget.vue';

/**
 * The one place that knows which input component edits which field type. Forms, filters and
 * sub-tables ask `widgetFor`; only the widgets in this folder touch the component library, so
 * swapping the library means rewriting these files and nothing else.
 */
export const WIDGETS: Record<FieldType, Component> = {
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

export function widgetFor(schema: Pick<FieldSchema, 'x-crm-type'>): Component {
  return WIDGETS[schema['x-crm-type']] ?? TextWidget;
}
