import type { FieldSchema } from '@crm/schemas';

/** What every field widget receives; each emits `update:modelValue` with a value of its field's JSON type. */
export interface WidgetProps {
  modelValue?: unknown;
  schema: FieldSchema;
  /** The field's name, for ids and test hooks. */
  name: string;
  disabled?: boolean;
  placeholder?: string;
}
