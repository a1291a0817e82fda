import type { LocalizedText } from '../../i18n/locale.js';
import type { DashboardInput } from './dashboards.service.js';

const l = (zh: string, en: string, es: string): LocalizedText => ({ 'zh-CN': zh, en, es });
const notCancelled = { status: { _nin: ['cancelled', 'rejected', 'draft'] } };

/** The standard dashboards a new database starts with; administrators change them like any other. */
export const DEFAULT_DASHBOARDS: DashboardInput[] = [
  {
    name: 'sales',
    label: l('销售概览', 'Sales overview', 'Resumen de ventas'),
    roles: ['sales_manager', 'sales_rep'],
    position: 1,
    widgets: [
      {
        id: 'funnel', chart: 'funnel', title: l('销售漏斗', 'Sales funnel', 'Embudo de ventas'), layout: { x: 0, y: 0, w: 6, h: 4 },
        report: { entity: 'opportunity', filter: { stage: { _neq: 'lost' } }, groupBy: [{ field: 'stage' }], aggregates: [{ fn: 'count' }, { fn: 'sum', field: 'amount' }] },
      },
      {
        id: 'lost_reasons', chart: 'pie', title: l('丢单原因', 'Lost-order reasons', 'Motivos de pérdida'), layout: { x: 6, y: 0, w: 6, h: 4 },
        report: { entity: 'opportunity', filter: { stage: { _eq: 'lost' } }, groupBy: [{ field: 'lost_reason' }], aggregates: [{ fn: 'count' }, { fn: 'sum', field: 'amount' }] },
      },
      {
        id: 'orders_over_time', chart: 'line', title: l('订单与收入趋势', 'Orders and revenue over time', 'Pedidos e ingresos en el tiempo'), layout: { x: 0, y: 4, w: 12, h: 4 },
        report: { entity: 'order', filter: notCancelled, groupBy: [{ field: 'order_date', bucket: 'month' }], aggregates: [{ fn: 'count' }, { fn: 'sum', field: 'total_amount' }], timezone: 'Asia/Shanghai' },
      },
      {
        id: 'staff', chart: 'bar', title: l('员工业绩', 'Staff performance', 'Rendimiento del equipo'), layout: { x: 0, y: 8, w: 12, h: 4 },
        report: { entity: 'order', filter: notCancelled, groupBy: [{ field: 'owner_id' }], aggregates: [{ fn: 'count' }, { fn: 'sum', field: 'total_amount' }], sort: '-sum:total_amount', limit: 20 },
      },
    ],
  },
  {
    name: 'customers',
    label: l('客户结构', 'Customers', 'Clientes'),
    roles: [],
    position: 2,
    widgets: [
      {
        id: 'by_tier', chart: 'pie', title: l('按等级', 'By tier', 'Por nivel'), layout: { x: 0, y: 0, w: 4, h: 4 },
        report: { entity: 'customer', groupBy: [{ field: 'tier' }], aggregates: [{ fn: 'count' }] },
      },
      {
        id: 'by_status', chart: 'bar', title: l('按状态', 'By status', 'Por estado'), layout: { x: 4, y: 0, w: 4, h: 4 },
        report: { entity: 'customer', groupBy: [{ field: 'status' }], aggregates: [{ fn: 'count' }] },
      },
      {
        id: 'by_region', chart: 'stacked_bar', title: l('按区域与类型', 'By region and type', 'Por región y tipo'), layout: { x: 8, y: 0, w: 4, h: 4 },
        report: { entity: 'customer', groupBy: [{ field: 'region' }, { field: 'customer_type' }], aggregates: [{ fn: 'count' }] },
      },
    ],
  },
  {
    name: 'service',
    label: l('客户服务', 'Service', 'Servicio'),
    roles: ['service_agent', 'sales_manager'],
    position: 3,
    widgets: [
      {
        id: 'by_category', chart: 'bar', title: l('工单分类与响应时间', 'Tickets by category and response time', 'Tickets por categoría y tiempo de respuesta'), layout: { x: 0, y: 0, w: 8, h: 4 },
        report: {
          entity: 'service_ticket', groupBy: [{ field: 'category' }],
          aggregates: [{ fn: 'count' }, { fn: 'avg', field: 'resolved_at', since: 'created_at', unit: 'hours', as: 'avg_resolution_hours' }],
        },
      },
      {
        id: 'by_status', chart: 'pie', title: l('工单状态', 'Ticket status', 'Estado de los tickets'), layout: { x: 8, y: 0, w: 4, h: 4 },
        report: { entity: 'service_ticket', groupBy: [{ field: 'status' }], aggregates: [{ fn: 'count' }] },
      },
      {
        id: 'opened', chart: 'line', title: l('每周新工单', 'New tickets per week', 'Tickets nuevos por semana'), layout: { x: 0, y: 4, w: 12, h: 4 },
        report: { entity: 'service_ticket', groupBy: [{ field: 'created_at', bucket: 'week' }], aggregates: [{ fn: 'count' }, { fn: 'avg', field: 'satisfaction' }], timezone: 'Asia/Shanghai' },
      },
    ],
  },
];
