import { useI18n } from 'vue-i18n';
import type { FieldSchema } from '@crm/schemas';
import { formatValue, type FormatContext } from '../../metadata/format-value';
import { useMetadataStore } from '../../stores/metadata.store';
import { useReferenceTitlesStore } from '../../stores/reference-titles.store';

/** `format(schema, value)` in the current language; reference ids without an expanded record are looked up once. */
export function useFormat() {
  const { t, locale } = useI18n();
  const metadata = useMetadataStore();
  const titles = useReferenceTitlesStore();

  function titleOf(entity: string, value: unknown): string {
    if (value && typeof value === 'object') return metadata.titleOf(entity, value);
    const id = String(value);
    const known = titles.titleOf(entity, id);
    if (known === undefined) titles.request(entity, [id]);
    return known ?? id;
  }

  function format(schema: FieldSchema, value: unknown): string {
    const context: FormatContext = {
      locale: locale.value,
      yes: t('common.yes'),
      no: t('common.no'),
      titleOf,
      lineCount: (count) => t('fields.lineCount', { n: count }, count),
    };
    return formatValue(schema, value, context);
  }

  return { format };
}
