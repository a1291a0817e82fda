// Names, places, products and phrases the demo dataset draws from.

export type Lang = 'zh' | 'en';
export type Vertical = 'U' | 'A' | 'R' | 'G'; // utility, automotive, real estate, general services

export const pairs = (s: string): [string, string][] => s.split(' ').map((p) => p.split(':') as [string, string]);

// ---- vocabulary ----
export const ZH_SURNAMES = pairs('wang:王 li:李 zhang:张 liu:刘 chen:陈 yang:杨 zhao:赵 huang:黄 zhou:周 wu:吴 xu:徐 sun:孙 hu:胡 zhu:朱 gao:高 lin:林 he:何 guo:郭 ma:马 luo:罗 liang:梁 song:宋 zheng:郑 xie:谢');
export const ZH_GIVEN = pairs('wei:伟 na:娜 fang:芳 min:敏 jing:静 li:丽 qiang:强 lei:磊 jun:军 yang:洋 yong:勇 yan:艳 jie:杰 tao:涛 ming:明 chao:超 xiuying:秀英 hua:华 ping:平 gang:刚 ting:婷 xuemei:雪梅 haoran:浩然 zihan:子涵 xinyi:欣怡 junjie:俊杰 zixuan:梓轩 yinuo:一诺 jianguo:建国 zhiqiang:志强 haiyan:海燕 xiaodong:晓东');
export const EN_FIRST = 'Emily James Olivia Michael Sophia Daniel Emma David Ava William Mia Benjamin Charlotte Lucas Amelia Henry Grace Samuel Chloe Ethan Lucía Carlos Sofía Javier María Diego'.split(' ');
export const EN_LAST = 'Carter Smith Johnson Brown Williams Miller Davis Wilson Taylor Anderson Moore Martin Clark Lewis Walker Hughes Bennett García Martínez López Fernández Romero'.split(' ');
export const REGION_CITIES: Record<string, string[]> = {
  east_china: ['上海', '杭州', '南京', '苏州', '宁波', '合肥', '济南', '青岛'],
  north_china: ['北京', '天津', '石家庄', '太原'],
  south_china: ['广州', '深圳', '东莞', '南宁', '海口'],
  central_china: ['武汉', '长沙', '郑州'],
  southwest: ['成都', '重庆', '昆明', '贵阳'],
  northwest: ['西安', '兰州'],
  northeast: ['沈阳', '大连', '哈尔滨'],
};
export const OVERSEAS_CITIES = ['Singapore', 'Sydney', 'London', 'Los Angeles', 'Madrid', 'Mexico City', 'Vancouver'];
// [name, pinyin, region, city (empty: any city of the region)]
export const ZH_PLACES = 'huadong:华东:east_china: huabei:华北:north_china: huanan:华南:south_china: shanghai:上海:east_china:上海 beijing:北京:north_china:北京 shenzhen:深圳:south_china:深圳 guangzhou:广州:south_china:广州 hangzhou:杭州:east_china:杭州 nanjing:南京:east_china:南京 chengdu:成都:southwest:成都 wuhan:武汉:central_china:武汉 tianjin:天津:north_china:天津 xian:西安:northwest:西安 qingdao:青岛:east_china:青岛'
  .split(' ').map((p) => p.split(':') as [string, string, string, string]);
// [pinyin, name, industry]
export const ZH_TRADES = 'dianli:电力设备:manufacturing qiche:汽车销售服务:automotive zhiye:置业:real_estate fangchan:房地产开发:real_estate xinnengyuan:新能源科技:utilities gongdian:供电服务:utilities jixie:机械制造:manufacturing wuliu:物流:logistics shangmao:商贸:retail zhineng:智能科技:technology qichezulin:汽车租赁:automotive wuye:物业管理:real_estate huagong:化工:manufacturing touzi:投资:finance'
  .split(' ').map((p) => p.split(':') as [string, string, string]);
export const ZH_SUFFIXES = ['有限公司', '有限公司', '股份有限公司', '集团有限公司'];
export const EN_PREFIXES = 'Northwind|Contoso|Fabrikam|Blue Harbor|Summit|Redwood|Pioneer|Silverline|Granite|Evergreen|Lakeside|Meridian|Atlas'.split('|');
export const EN_TRADES: [string, string][] = [['Traders', 'retail'], ['Motors', 'automotive'], ['Energy', 'utilities'], ['Properties', 'real_estate'], ['Logistics', 'logistics'], ['Manufacturing', 'manufacturing'], ['Realty', 'real_estate'], ['Auto Group', 'automotive'], ['Power Systems', 'utilities'], ['Developments', 'real_estate'], ['Software', 'technology'], ['Capital', 'finance']];
export const EN_SUFFIXES = ['Ltd.', 'Inc.', 'LLC', 'Co.'];
export const VERTICAL_OF: Record<string, Vertical> = { utilities: 'U', manufacturing: 'U', government: 'U', automotive: 'A', logistics: 'A', real_estate: 'R', finance: 'R', retail: 'U', technology: 'G' };
export const ZH_ROADS = ['中山路', '人民路', '解放大道', '建设路', '滨江大道', '科技园路', '世纪大道', '长江路'];
export const EN_ROADS = ['Harbour Street', 'Queen Street', 'Market Road', 'Elm Avenue', 'Gran Vía', 'King Street'];

// [sku, name, category, unit_price, unit, vertical, audience (b business, p personal, * both), min qty, max qty]
export const CATALOG = `ELEC-RES-01|居民生活用电（阶梯一档）|electricity_service|0.56|kWh|U|p|200|3000
ELEC-RES-02|居民生活用电（阶梯二档）|electricity_service|0.61|kWh|U|p|100|1500
ELEC-BIZ-PEAK|工商业用电（峰时段）|electricity_service|1.05|kWh|U|b|5000|200000
ELEC-BIZ-FLAT|工商业用电（平时段）|electricity_service|0.68|kWh|U|b|5000|300000
ELEC-BIZ-VALLEY|工商业用电（谷时段）|electricity_service|0.32|kWh|U|b|5000|400000
ELEC-CAP-UP|增容改造工程|electricity_service|85000.00|项|U|b|1|2
ELEC-EVC-7KW|家用充电桩安装（7kW）|electricity_service|2980.00|套|U|p|1|1
ELEC-EVC-120KW|直流快充桩建设（120kW）|electricity_service|168000.00|套|U|b|1|10
ELEC-PV-GRID|分布式光伏并网服务|electricity_service|12000.00|项|U|*|1|3
ELEC-METER-SM|智能电表更换|electricity_service|380.00|只|U|*|1|50
ELEC-SAFE-CHK|用电安全检测|electricity_service|1500.00|次|U|b|1|4
ELEC-DR-SVC|Demand Response Service (annual)|electricity_service|60000.00|year|U|b|1|1
ELEC-GREEN-CERT|绿色电力证书|electricity_service|50.00|MWh|U|b|100|5000
CAR-SED-15T|紧凑型轿车 1.5T 舒适版|vehicle|119800.00|台|A|*|1|5
CAR-SED-20T|中型轿车 2.0T 豪华版|vehicle|229800.00|台|A|*|1|3
CAR-SUV-EV-LR|纯电 SUV 长续航版|vehicle|259900.00|台|A|*|1|3
CAR-SUV-PHEV|插电混动 SUV 四驱版|vehicle|199800.00|台|A|*|1|3
CAR-MPV-7S|7 座商务 MPV|vehicle|289000.00|台|A|b|1|8
CAR-PICKUP|Pickup Truck Double Cab 4x4|vehicle|168800.00|unit|A|b|1|6
CAR-VAN-EV|Electric Cargo Van|vehicle|142000.00|unit|A|b|2|20
SVC-FIRST-MAINT|首保服务|vehicle_service|399.00|次|A|p|1|1
SVC-EXT-WARR-3Y|延长保修（3 年/10 万公里）|vehicle_service|6800.00|份|A|*|1|10
SVC-PPF|车身漆面保护膜|vehicle_service|8800.00|套|A|p|1|1
SVC-TIRE-4|轮胎更换（4 条）|vehicle_service|3200.00|次|A|*|1|4
SVC-FLEET-MAINT|Fleet Maintenance Plan (per vehicle, annual)|vehicle_service|4500.00|vehicle|A|b|5|60
SVC-TRADEIN|二手车置换评估|vehicle_service|0.00|次|A|p|1|1
APT-JXHT-89|锦绣华庭 2 室 2 厅 89㎡|apartment|2380000.00|套|R|p|1|1
APT-JXHT-120|锦绣华庭 3 室 2 厅 120㎡|apartment|3560000.00|套|R|p|1|1
APT-JXHT-143|锦绣华庭 4 室 2 厅 143㎡|apartment|4690000.00|套|R|p|1|1
APT-RVS-1BR|Riverside Residences 1BR Unit|apartment|1650000.00|unit|R|*|1|2
APT-RVS-2BR|Riverside Residences 2BR Unit|apartment|2450000.00|unit|R|*|1|6
APT-YHW-VILLA|云湖湾联排别墅 218㎡|apartment|8800000.00|套|R|p|1|1
PARK-UG-STD|地下标准车位|parking|180000.00|个|R|*|1|4
PARK-UG-EV|地下充电车位|parking|220000.00|个|R|*|1|2
PROP-FEE-Y|物业服务费|property_service|4.80|㎡·月|R|*|600|30000
PROP-RENO-PKG|精装修升级包|property_service|158000.00|套|R|*|1|40
PROP-SMART-HOME|全屋智能家居套装|property_service|38000.00|套|R|p|1|1
SVC-CONSULT-DAY|咨询服务（人天）|other|6000.00|人天|G|b|2|40
SVC-TRAINING|客户培训服务|other|12000.00|场|G|b|1|6
SVC-PREMIUM-SUPPORT|Premium Support (annual)|other|24000.00|year|G|b|1|1`
  .split('\n').map((l) => l.split('|') as [string, string, string, string, string, Vertical, string, string, string]);
export const INACTIVE_SKUS = new Set(['CAR-PICKUP', 'APT-JXHT-89', 'SVC-TIRE-4']);

export const OPP_TITLES: Record<Vertical, [string, string][]> = {
  U: [['增容改造项目', 'Capacity upgrade'], ['充电桩建设项目', 'EV charging rollout'], ['分布式光伏并网', 'Rooftop solar interconnection'], ['年度用电合同续签', 'Annual power contract renewal'], ['需求响应合作', 'Demand response programme']],
  A: [['车队采购', 'Fleet purchase'], ['新车购置', 'New vehicle purchase'], ['公务用车更新', 'Company car renewal'], ['延保及维保套餐', 'Warranty & maintenance package']],
  R: [['购房意向', 'Home purchase'], ['车位认购', 'Parking space purchase'], ['精装修升级', 'Interior upgrade'], ['员工团购房项目', 'Employee group purchase']],
  G: [['咨询服务', 'Consulting engagement'], ['培训服务', 'Training programme']],
};
export const CAMPAIGNS: Record<Lang, string[]> = {
  zh: ['2024 春季车展', '峰谷电价推广季', '金秋购房节', '绿色电力推广周', '新能源汽车下乡'],
  en: ['Spring Auto Show 2024', 'Open House Weekend', 'Green Power Week', 'Fleet Day 2025'],
};
export const CHANNELS: [string, number, string[], string[]][] = [
  ['call', 22, ['电话回访：使用情况', '电话沟通报价细节', '来电咨询电费账单'], ['Follow-up call', 'Call to discuss quote details', 'Inbound call about a bill']],
  ['visit', 12, ['上门拜访：需求调研', '现场勘查', '交付后回访'], ['On-site needs assessment', 'Site survey', 'Post-delivery visit']],
  ['email', 12, ['发送方案及报价'], ['Sent proposal and pricing']],
  ['sms', 8, ['计划停电短信通知'], ['Planned outage SMS notice']],
  ['counter', 10, ['营业厅办理过户', '营业厅缴费'], ['Account transfer at the counter', 'Bill payment at the counter']],
  ['self_service', 5, ['自助终端缴费'], ['Payment at a self-service kiosk']],
  ['web', 8, ['网上营业厅业务申请', '官网预约试驾'], ['Online service request', 'Test drive booked online']],
  ['ivr', 6, ['语音自助查询电费'], ['IVR balance enquiry']],
  ['fax', 1, ['传真确认采购订单'], ['Purchase order confirmed by fax']],
  ['post', 2, ['寄送年度对账单'], ['Annual statement posted']],
  ['mobile_counter', 4, ['流动服务站现场办理'], ['Served at a mobile service point']],
  ['complaint', 10, ['投诉：抄表数据异常', '投诉：交付延期', '投诉：维修不及时'], ['Complaint: meter reading', 'Complaint: delivery delay', 'Complaint: slow repair']],
];
// [category, verticals it applies to, zh subject, zh description, en subject, en description]
export const TICKETS: [string, string, string, string, string, string][] = [
  ['power_outage', 'U', '停电报修', '客户反映所在区域自上午起停电，请尽快派员检修。', 'Power outage', 'Customer reports no power since this morning; please dispatch a crew.'],
  ['billing', 'U', '电费账单疑问', '客户对本月电费金额有疑问，要求核对峰谷电量。', 'Bill query', 'Customer questions this month’s bill and asks for a peak/off-peak breakdown.'],
  ['meter', 'U', '电表读数异常', '智能电表读数明显高于往月，需要现场校验。', 'Meter reading issue', 'Smart meter readings are far above previous months; on-site check needed.'],
  ['vehicle_repair', 'A', '车辆故障维修', '车辆仪表盘报警，客户要求预约进店检修。', 'Vehicle repair', 'Dashboard warning light on; customer wants a workshop appointment.'],
  ['warranty', 'A', '保修索赔', '车辆空调系统故障，申请保修期内免费维修。', 'Warranty claim', 'Air-conditioning failure within warranty; customer requests free repair.'],
  ['property_repair', 'R', '房屋报修', '卫生间渗水至楼下，请物业尽快处理。', 'Home repair', 'Bathroom leak reaching the flat below; please send maintenance.'],
  ['delivery', 'AR', '交付问题', '交付时间比合同约定延后，客户要求说明原因。', 'Delivery issue', 'Delivery is later than contracted; customer asks for an explanation.'],
  ['complaint', 'UARG', '服务投诉', '客户对上次服务人员的态度不满意。', 'Service complaint', 'Customer unhappy with the attitude of the last service visit.'],
  ['inquiry', 'UARG', '业务咨询', '客户咨询新业务办理流程及所需材料。', 'General enquiry', 'Customer asks how to apply for a new service and which documents are needed.'],
];
