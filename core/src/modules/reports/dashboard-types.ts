import type { LocalizedText } from '../../i18n/locale.js';
import type { ReportSpec } from './report-spec.js';

export const CHART_TYPES = ['number', 'table', 'bar', 'stacked_bar', 'line', 'area', 'pie', 'funnel'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

/** One widget: a report and how to draw it. The UI draws; the server stores and runs the report. */
export interface WidgetDefinition {
  /** Unique within its dashboard: `GET /api/dashboards/:id/widgets/:widget/data` runs its report. */
  id: string;
  title: LocalizedText;
  chart: ChartType;
  report: ReportSpec;
  /** Grid position, in columns of a 12-column grid and rows. */
  layout?: { x: number; y: number; w: number; h: number };
  /** Drawing hints for the UI (colours, which group is the series…), stored as given. */
  options?: Record<string, unknown>;
}
