import { defineEntity, p } from '@mikro-orm/core';
import type { LocalizedText } from '../../i18n/locale.js';
import type { WidgetDefinition } from './dashboard-types.js';

/** A dashboard: widgets (each a report spec and a chart) shown to the roles named (all when empty). */
export const DashboardSchema = defineEntity({
  name: 'Dashboard',
  tableName: 'crm_dashboard',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(60).unique(),
    label: p.json<LocalizedText>(),
    roles: p.json<string[]>(),
    widgets: p.json<WidgetDefinition[]>(),
    position: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export class Dashboard extends DashboardSchema.class {}
DashboardSchema.setClass(Dashboard);
