import type { Catalogue } from "./types";

/** English. Every key here must exist in zh-CN.ts, and the other way round. */
export const en: Catalogue = {
  meta: {
    title: "govchain e-government platform",
  },
  platform: {
    name: "govchain e-government platform",
    shortName: "govchain",
    tagline: "Departments, certificates, licences and public procurement on a blockchain anyone can check",
  },
  nav: {
    label: "Main navigation",
    home: "Home",
    console: "Officials' console",
    skipToContent: "Skip to main content",
  },
  language: {
    label: "Language",
    zhCN: "中文",
    en: "English",
  },
  home: {
    heading: "Open government services you can verify",
    intro:
      "This platform records the powers of government departments, the certificates and licences they issue, and every step of public tenders on a blockchain. Anyone can read the records and check them for themselves, with no account and no wallet; officials sign every action in their own wallet, so each one is accountable.",
    servicesHeading: "Services for the public",
    comingSoon: "Coming soon",
    services: {
      tenders: { title: "Public tenders", body: "Follow every procurement from publication, bids and award to delivery and payment." },
      certificates: { title: "Verify a certificate", body: "Drop a certificate file or paste its fingerprint to check it against the chain." },
      licences: { title: "Verify a licence", body: "Look a licence up by its number or its QR code and see whether it is valid." },
      openData: { title: "Open data", body: "Download every public record through the API and in the OCDS standard." },
    },
  },
  status: {
    heading: "Chain status",
    description: "Your browser reads these figures straight from a node of the chain, through no server of ours.",
    network: "Network",
    chainId: "Chain ID",
    blockHeight: "Latest block",
    blockTime: "Block time",
    node: "Node",
    nodeOk: "Connected",
    nodeDown: "Unreachable",
    nodeChecking: "Connecting…",
    nodeWrongChain: "Wrong chain",
    nodeReports: "The node reports chain ID {{chainId}}",
    live: "Live",
    notYetKnown: "—",
    stale: "(last value read)",
    departments: "Registered departments",
    rpcUrl: "Node URL",
    apiUrl: "Data service",
    docsUrl: "Document store",
    notConfigured: "Not configured",
  },
  banner: {
    unreachableTitle: "The blockchain node cannot be reached",
    unreachableBody:
      "{{url}} does not answer, so the block height and contract data on this page may be out of date. Reload the page later.",
    unreachableLocal: "You run the platform on this computer: check that <code>npm start</code> is still running.",
    wrongChainTitle: "The node is on another chain",
    wrongChainBody:
      "This site is configured for chain ID {{expected}}, but the node at {{url}} reports chain ID {{actual}}. Do not rely on what this page shows as the platform's record.",
  },
  contracts: {
    heading: "Deployed contracts",
    description:
      "The smart contracts the platform uses on this chain. Anyone can check their code and records by address, in a block explorer or on their own node.",
    caption: "Contracts deployed on chain {{chainId}}",
    name: "Contract",
    address: "Address",
    deployedBlock: "Deployed in block",
    copy: "Copy",
    copyLabel: "Copy the address of {{name}}",
    copied: "Copied",
    noneTitle: "No contracts are deployed on this chain yet",
    noneBody: "The deployments file has no entry for chain ID {{chainId}}.",
    noneLocal:
      "On this computer: run <code>npm start</code> in the project folder (it starts the whole platform), or <code>npm run deploy</code> against a running node, then reload this page.",
    noneRemote: "The platform's operators have not published a deployment for this chain.",
    otherChains: "The deployments file has these chains: {{chains}}. If this site should use one of them, check <code>VITE_CHAIN_ID</code>.",
    descriptions: {
      GovchainAccessManager: "Access manager: every role and permission in one place",
      DepartmentDirectory: "Department directory: departments, heads and officials' appointments",
      CertificateRegistry: "Certificate registry: single and batch certificates and their status",
      ConsentRegistry: "Data-sharing consents and the trail of every access",
      LicenseRegistry: "Licensing: applications, approvals by several departments, issued licences",
      LicenseToken: "Licence tokens: licences that cannot be transferred",
      TenderEscrow: "Public tenders: bids, award, escrowed budget and payments",
      TestStablecoin: "Test payment token (local test chains only)",
    },
  },
  notFound: {
    heading: "Page not found",
    body: "There is no page at this address.",
    back: "Back to the home page",
  },
  error: {
    heading: "Something went wrong",
    body: "This page could not be shown. Reload to try again; if it keeps happening, contact the platform's administrators.",
    details: "Technical details",
  },
  footer: {
    openSource: "govchain is open-source software (Apache-2.0).",
    source: "Chain data on this page is read directly from {{url}}.",
  },
};
