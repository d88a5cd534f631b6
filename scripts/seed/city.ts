/**
 * The demo city's content: what its departments buy, certify and licence in a year. Realistic names
 * and amounts (in yuan; the test payment token has 2 decimals), both languages. Pure data.
 */
import type { Localized, TenderItem } from "../../lib/metadata.js";

export interface TenderTemplate {
  department: string;
  category: "goods" | "works" | "services";
  title: Localized;
  description: Localized;
  items: TenderItem[];
  /** Budget in yuan. */
  budget: number;
  milestones: { share: number; text: Localized }[];
}

const L = (zh: string, en: string): Localized => ({ zh, en });
const item = (zh: string, en: string, quantity: number, unitZh: string, unitEn: string): TenderItem => ({
  description: L(zh, en),
  quantity,
  unit: L(unitZh, unitEn),
});
const SUPPLY = [{ share: 10_000, text: L("到货验收", "Delivery and acceptance") }];
const TWO_STAGE = [
  { share: 4_000, text: L("第一阶段交付", "First stage delivered") },
  { share: 6_000, text: L("竣工验收", "Final acceptance") },
];
const WORKS = [
  { share: 3_000, text: L("基础工程完成", "Foundations completed") },
  { share: 4_000, text: L("主体工程完成", "Main works completed") },
  { share: 3_000, text: L("竣工验收", "Completion acceptance") },
];
const SERVICE_YEAR = [
  { share: 2_500, text: L("第一季度服务", "First quarter of service") },
  { share: 2_500, text: L("第二季度服务", "Second quarter of service") },
  { share: 2_500, text: L("第三季度服务", "Third quarter of service") },
  { share: 2_500, text: L("第四季度服务", "Fourth quarter of service") },
];

export const TENDER_TEMPLATES: TenderTemplate[] = [
  {
    department: "MOHURD",
    category: "works",
    title: L("解放路道路改造及雨污分流工程", "Jiefang Road reconstruction and storm/sewage separation works"),
    description: L(
      "对解放路（中山路至环城北路段）约2.3公里道路进行改造，包括路面重铺、人行道改造及雨污分流管网建设。",
      "Reconstruction of about 2.3 km of Jiefang Road (Zhongshan Road to North Ring Road): resurfacing, pavements and a separated storm and sewage network.",
    ),
    items: [item("道路改造", "Road reconstruction", 2.3, "公里", "km"), item("雨污分流管网", "Separated drainage network", 4.6, "公里", "km")],
    budget: 8_600_000,
    milestones: WORKS,
  },
  {
    department: "EDU",
    category: "goods",
    title: L("中小学智慧教室设备采购", "Smart classroom equipment for primary and secondary schools"),
    description: L(
      "为全市32所中小学采购交互式智能平板、录播设备及教室管理系统。",
      "Interactive displays, lecture-recording equipment and a classroom management system for 32 primary and secondary schools.",
    ),
    items: [item("86英寸交互式智能平板", "86-inch interactive display", 420, "台", "units"), item("常态化录播系统", "Lecture recording system", 32, "套", "sets")],
    budget: 6_200_000,
    milestones: TWO_STAGE,
  },
  {
    department: "PSB",
    category: "goods",
    title: L("执法记录仪及配套存储设备采购", "Body-worn cameras and storage for law enforcement"),
    description: L("采购执法记录仪1200台及数据采集工作站60套。", "1,200 body-worn cameras and 60 data-collection workstations."),
    items: [item("执法记录仪", "Body-worn camera", 1200, "台", "units"), item("数据采集工作站", "Data-collection workstation", 60, "套", "sets")],
    budget: 3_400_000,
    milestones: SUPPLY,
  },
  {
    department: "MNR",
    category: "services",
    title: L("不动产登记档案数字化加工服务", "Digitisation of real-estate registration archives"),
    description: L(
      "对1998年以来约86万卷不动产登记纸质档案进行扫描、著录和数据挂接。",
      "Scanning, cataloguing and data linking of about 860,000 paper real-estate registration files since 1998.",
    ),
    items: [item("档案数字化", "Archive digitisation", 860_000, "卷", "files")],
    budget: 2_950_000,
    milestones: TWO_STAGE,
  },
  {
    department: "TAX",
    category: "works",
    title: L("办税服务厅适老化改造工程", "Accessibility renovation of the tax service hall"),
    description: L("办税服务厅无障碍通道、适老化窗口及自助办税区改造。", "Step-free access, senior-friendly counters and a self-service area in the tax service hall."),
    items: [item("服务厅改造", "Service hall renovation", 1, "项", "project")],
    budget: 1_280_000,
    milestones: TWO_STAGE,
  },
  {
    department: "SAMR",
    category: "goods",
    title: L("食品安全快速检测设备采购", "Rapid food-safety testing equipment"),
    description: L("为12个基层市场监管所配备农残、兽残快速检测设备及试剂。", "Pesticide and veterinary-drug rapid testing equipment and reagents for 12 local market supervision offices."),
    items: [item("快速检测仪", "Rapid tester", 48, "台", "units"), item("检测试剂", "Test reagents", 12_000, "盒", "boxes")],
    budget: 960_000,
    milestones: SUPPLY,
  },
  {
    department: "TAX",
    category: "services",
    title: L("电子税务局系统运维服务", "Operation and maintenance of the electronic tax bureau system"),
    description: L("电子税务局系统全年运维、安全加固及用户培训。", "A year of operation, security hardening and user training for the electronic tax bureau system."),
    items: [item("系统运维", "System operation", 12, "月", "months")],
    budget: 1_650_000,
    milestones: SERVICE_YEAR,
  },
  {
    department: "MOHURD",
    category: "works",
    title: L("老旧小区综合改造（东园片区）", "Renewal of old residential estates (Dongyuan area)"),
    description: L("东园片区17个老旧小区的外立面、管网、电梯加装及停车设施改造。", "Facades, pipes, added lifts and parking in 17 old residential estates of the Dongyuan area."),
    items: [item("小区改造", "Estate renewal", 17, "个", "estates"), item("加装电梯", "Added lifts", 24, "部", "lifts")],
    budget: 12_400_000,
    milestones: WORKS,
  },
  {
    department: "EDU",
    category: "services",
    title: L("中小学校园食堂食材配送服务", "Ingredient delivery to school canteens"),
    description: L("为全市46所学校食堂提供一学年的食材配送及溯源服务。", "A school year of ingredient delivery with traceability for 46 school canteens."),
    items: [item("食材配送", "Ingredient delivery", 46, "所", "schools")],
    budget: 5_100_000,
    milestones: SERVICE_YEAR,
  },
  {
    department: "PSB",
    category: "services",
    title: L("交通信号灯智能化改造及运维", "Smart traffic-signal upgrade and maintenance"),
    description: L("主城区86个路口信号机联网改造及一年运维。", "Networking 86 junction signal controllers in the city centre, with a year of maintenance."),
    items: [item("路口信号改造", "Junction signal upgrade", 86, "个", "junctions")],
    budget: 4_300_000,
    milestones: TWO_STAGE,
  },
  {
    department: "MNR",
    category: "services",
    title: L("全域国土空间规划数据库建设", "Territorial spatial planning database"),
    description: L("建设全域国土空间规划“一张图”数据库及更新机制。", "A single-map territorial spatial planning database with its update process."),
    items: [item("数据库建设", "Database build", 1, "项", "project")],
    budget: 2_200_000,
    milestones: TWO_STAGE,
  },
  {
    department: "SAMR",
    category: "services",
    title: L("电梯安全监测物联网平台服务", "IoT lift-safety monitoring service"),
    description: L("为3200台在用电梯安装监测终端并提供一年平台服务。", "Monitoring units on 3,200 lifts in use and a year of platform service."),
    items: [item("电梯监测终端", "Lift monitoring unit", 3200, "台", "units")],
    budget: 2_750_000,
    milestones: SERVICE_YEAR,
  },
  {
    department: "EDU",
    category: "goods",
    title: L("学校收费电子票据打印设备采购", "Receipt printers for school fee counters"),
    description: L("为全市学校收费窗口采购电子票据打印设备。", "Electronic receipt printers for the fee counters of the city's schools."),
    items: [item("票据打印机", "Receipt printer", 260, "台", "units")],
    budget: 520_000,
    milestones: SUPPLY,
  },
  {
    department: "TAX",
    category: "services",
    title: L("12366纳税服务热线外包服务", "Outsourced 12366 taxpayer hotline"),
    description: L("12366热线坐席外包服务，含60个坐席及质检。", "Staffing of 60 seats for the 12366 taxpayer hotline, with quality control."),
    items: [item("热线坐席", "Hotline seat", 60, "席", "seats")],
    budget: 3_050_000,
    milestones: SERVICE_YEAR,
  },
  {
    department: "MOHURD",
    category: "works",
    title: L("城东污水处理厂提标改造工程", "Upgrade of the East wastewater treatment plant"),
    description: L("城东污水处理厂出水标准由一级B提升至一级A。", "Raising the East plant's effluent from Grade 1B to Grade 1A."),
    items: [item("提标改造", "Treatment upgrade", 1, "项", "project")],
    budget: 15_800_000,
    milestones: WORKS,
  },
  {
    department: "EDU",
    category: "goods",
    title: L("职业学校实训设备采购", "Training equipment for the vocational school"),
    description: L("数控机床、工业机器人实训台等实训设备。", "CNC machines, industrial-robot training benches and other training equipment."),
    items: [item("数控机床", "CNC machine", 12, "台", "units"), item("工业机器人实训台", "Industrial robot bench", 8, "套", "sets")],
    budget: 2_480_000,
    milestones: SUPPLY,
  },
  {
    department: "PSB",
    category: "goods",
    title: L("出入境自助办证设备采购", "Self-service exit-entry permit kiosks"),
    description: L("采购出入境证件自助受理及自助发证一体机。", "Kiosks for self-service application and issue of exit-entry permits."),
    items: [item("自助一体机", "Self-service kiosk", 16, "台", "units")],
    budget: 1_120_000,
    milestones: SUPPLY,
  },
  {
    department: "SAMR",
    category: "services",
    title: L("市场主体年报数据核查服务", "Verification of companies' annual report data"),
    description: L("对随机抽取的2000户市场主体年报信息进行实地核查。", "On-site checks of the annual reports of 2,000 randomly drawn companies."),
    items: [item("年报核查", "Annual report check", 2000, "户", "companies")],
    budget: 680_000,
    milestones: TWO_STAGE,
  },
];

// FIN (财政局) supervises procurement in the local deployment (ignition/parameters/local.json) and
// decides complaints, so it does not procure itself: a supervising department cannot publish tenders.

/** Certificate types: code, name, issuing departments, validity in days (0: none), suspendable, revocable. */
export const CERTIFICATE_TYPES = [
  { code: "DIPLOMA", name: "毕业证书 / Graduation certificate", issuers: ["EDU"], validityDays: 0, suspendable: false, revocable: true },
  { code: "PROPERTY", name: "不动产权证书 / Real-estate title certificate", issuers: ["MNR"], validityDays: 0, suspendable: true, revocable: true },
  { code: "FOOD-PERMIT", name: "食品经营许可证 / Food business permit", issuers: ["SAMR"], validityDays: 5 * 365, suspendable: true, revocable: true },
  { code: "TAX-CLEAR", name: "完税证明 / Tax clearance certificate", issuers: ["TAX"], validityDays: 90, suspendable: false, revocable: true },
  { code: "NO-RECORD", name: "无犯罪记录证明 / Certificate of no criminal record", issuers: ["PSB"], validityDays: 180, suspendable: false, revocable: true },
] as const;

/** Licence types: the business licence is the seeds' example (SAMR + TAX + PSB). Validity in days. */
export const LICENSE_TYPES = [
  { code: "BL", name: "营业执照 / Business licence", issuer: "SAMR", required: ["SAMR", "TAX", "PSB"], validityDays: 3 * 365, renewable: true, renewal: ["SAMR"] },
  { code: "CONSTR-QUAL", name: "建筑业企业资质 / Construction qualification", issuer: "MOHURD", required: ["MOHURD", "SAMR"], validityDays: 5 * 365, renewable: true, renewal: ["MOHURD"] },
  { code: "CATERING", name: "餐饮服务许可 / Catering service permit", issuer: "SAMR", required: ["SAMR", "PSB"], validityDays: 2 * 365, renewable: false, renewal: [] },
  { code: "EVENT", name: "大型群众性活动安全许可 / Large public event safety permit", issuer: "PSB", required: ["PSB"], validityDays: 30, renewable: false, renewal: [] },
] as const;

/** Data categories for consent-based sharing, and who asks for what. */
export const DATA_CATEGORIES = [
  { code: "household-registration", name: "户籍信息 / Household registration" },
  { code: "social-insurance", name: "社保缴纳记录 / Social insurance contributions" },
  { code: "tax-records", name: "纳税记录 / Tax records" },
  { code: "property-records", name: "不动产登记信息 / Real-estate records" },
] as const;
