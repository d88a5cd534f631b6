import { portalZhCN } from "./portal.zh-CN";

/** 简体中文 (the default language). Every key here must exist in en.ts, and the other way round. */
export const zhCN = {
  meta: {
    title: "govchain 区块链智慧政务平台",
  },
  platform: {
    name: "govchain 区块链智慧政务平台",
    shortName: "govchain",
    tagline: "部门、证照、许可与政府采购，全程上链，人人可查可验",
  },
  nav: {
    label: "主导航",
    home: "首页",
    console: "工作人员入口",
    skipToContent: "跳到主要内容",
  },
  language: {
    label: "语言",
    zhCN: "中文",
    en: "English",
  },
  home: {
    heading: "公开透明、可以核验的政务服务",
    intro:
      "本平台把政府部门的职权、发放的证书与许可证、招标采购的每一步都记录在区块链上。公众无需注册、无需钱包，即可查阅记录并自行核验真伪；工作人员用自己的钱包签署每一项操作，责任可追溯。",
    servicesHeading: "公众服务",
    comingSoon: "即将开放",
    services: {
      tenders: { title: "招标采购公开", body: "查看每一个采购项目从发布、投标、评标、合同履约到付款的全过程。" },
      certificates: { title: "证书核验", body: "上传证书文件或输入其指纹，对照链上记录核验其真伪与状态。" },
      licences: { title: "许可证核验", body: "按许可证编号或扫描二维码，查询许可证是否有效。" },
      openData: { title: "开放数据", body: "通过接口和 OCDS 标准格式下载全部公开记录。" },
    },
  },
  status: {
    heading: "链上运行状态",
    description: "以下数据由您的浏览器直接从区块链节点读取，不经过任何中间服务器。",
    network: "网络",
    chainId: "链 ID",
    blockHeight: "最新区块高度",
    blockTime: "出块时间",
    node: "节点连接",
    nodeOk: "正常",
    nodeDown: "无法连接",
    nodeChecking: "正在连接…",
    nodeWrongChain: "链 ID 不符",
    nodeReports: "节点报告链 ID {{chainId}}",
    live: "实时更新",
    notYetKnown: "—",
    stale: "（最后一次读取的数值）",
    departments: "已登记部门",
    rpcUrl: "节点地址",
    apiUrl: "数据服务",
    docsUrl: "文件存储",
    notConfigured: "未配置",
  },
  banner: {
    unreachableTitle: "暂时无法连接区块链节点",
    unreachableBody:
      "无法连接 {{url}}，页面上的区块高度和合约数据可能不是最新的。请稍后刷新页面。",
    unreachableLocal: "您在本机运行平台：请确认 <code>npm start</code> 仍在运行。",
    wrongChainTitle: "节点所在的链与本站配置不符",
    wrongChainBody:
      "本站配置的链 ID 为 {{expected}}，但 {{url}} 上的节点报告的链 ID 为 {{actual}}。页面上的数据不能作为本平台的记录使用。",
  },
  contracts: {
    heading: "已部署的合约",
    description: "平台在此链上使用的智能合约。任何人都可以用地址在区块浏览器或自己的节点上核对合约代码与记录。",
    caption: "链 {{chainId}} 上已部署的合约",
    name: "合约",
    address: "地址",
    deployedBlock: "部署区块",
    copy: "复制",
    copyLabel: "复制 {{name}} 的地址",
    copied: "已复制",
    noneTitle: "此链上还没有部署合约",
    noneBody: "链 ID {{chainId}} 在部署文件中没有记录。",
    noneLocal:
      "在本机：在项目根目录运行 <code>npm start</code>（启动整个平台），或在已运行的节点上运行 <code>npm run deploy</code>，然后刷新本页。",
    noneRemote: "平台运营方尚未发布此链上的合约部署。",
    otherChains: "部署文件中记录的链：{{chains}}。如果本站应连接其中之一，请检查 <code>VITE_CHAIN_ID</code> 配置。",
    descriptions: {
      GovchainAccessManager: "权限管理：统一登记所有角色与授权",
      DepartmentDirectory: "部门名录：部门、负责人与工作人员的任职记录",
      CertificateRegistry: "证书登记：证书及批量证书的发放与状态",
      ConsentRegistry: "数据共享授权：授权记录与访问留痕",
      LicenseRegistry: "许可审批：申请、多部门审批与许可证发放",
      LicenseToken: "许可证凭证：不可转让的许可证",
      TenderEscrow: "招标采购：投标、评标、合同款托管与付款",
      TestStablecoin: "测试用支付代币（仅限本地测试链）",
    },
  },
  console: {
    heading: "工作人员入口",
    body: "各部门工作人员将在此连接自己的钱包，签署审批、发证和采购等操作。此部分正在建设中。",
    back: "返回首页",
  },
  notFound: {
    heading: "页面不存在",
    body: "您访问的地址没有对应的页面。",
    back: "返回首页",
  },
  error: {
    heading: "页面出错了",
    body: "显示此页面时发生错误。请刷新重试；如果问题仍然存在，请联系平台管理员。",
    details: "技术信息",
  },
  footer: {
    openSource: "govchain 是开源软件（Apache-2.0 许可）。",
    source: "页面上的链上数据均直接读取自 {{url}}。",
  },
  portal: portalZhCN,
} as const;
