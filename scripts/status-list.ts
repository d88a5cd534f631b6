/**
 * Builds the W3C Bitstring Status List credentials (revocation and suspension) of one certificate type
 * from chain state, and the index of every certificate of that type in those lists.
 *
 *   GOVCHAIN_CERT_TYPE=BIZ npx hardhat run scripts/status-list.ts --network localhost
 *
 * Environment: GOVCHAIN_CERT_TYPE (type code, required), GOVCHAIN_STATUS_BASE_URL (where the lists will
 * be published; default https://status.govchain.example), GOVCHAIN_STATUS_OUT (folder; default status/),
 * GOVCHAIN_CERTIFICATE_REGISTRY (address; default: the Ignition deployment of this chain).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { network } from "hardhat";

import { encodeStatusList, readStatusBitstring, statusListCredential, statusListEntry, type StatusPurpose } from "../lib/statusList.js";
import { CertificateRegistry__factory } from "../types/ethers-contracts/index.js";

const typeCode = process.env.GOVCHAIN_CERT_TYPE;
if (typeCode === undefined || typeCode === "") {
  console.error("status-list: set GOVCHAIN_CERT_TYPE to a certificate type code, e.g. GOVCHAIN_CERT_TYPE=BIZ");
  process.exit(1);
}
const baseUrl = (process.env.GOVCHAIN_STATUS_BASE_URL ?? "https://status.govchain.example").replace(/\/$/, "");
const outDir = process.env.GOVCHAIN_STATUS_OUT ?? "status";

const { ethers } = await network.create();
const chainId = (await ethers.provider.getNetwork()).chainId;

function deployedAddress(): string {
  const fromEnv = process.env.GOVCHAIN_CERTIFICATE_REGISTRY;
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  const file = join("ignition", "deployments", `chain-${chainId}`, "deployed_addresses.json");
  const addresses = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  const address = addresses["Registries#CertificateRegistry"];
  if (address === undefined) throw new Error(`no Registries#CertificateRegistry in ${file}`);
  return address;
}

const registryAddress = deployedAddress();
const registry = CertificateRegistry__factory.connect(registryAddress, ethers.provider);

// Find the type by code.
let typeId = 0n;
const typeCount = await registry.typeCount();
for (let id = 1n; id <= typeCount; id += 1n) {
  if ((await registry.certificateType(id)).code === typeCode) typeId = id;
}
if (typeId === 0n) {
  console.error(`status-list: no certificate type with code ${typeCode} (there are ${typeCount})`);
  process.exit(1);
}

mkdirSync(outDir, { recursive: true });
const issuer = `did:pkh:eip155:${chainId}:${registryAddress}`;
const urls: Record<StatusPurpose, string> = {
  revocation: `${baseUrl}/${chainId}/${typeCode}/revocation`,
  suspension: `${baseUrl}/${chainId}/${typeCode}/suspension`,
};
for (const purpose of ["revocation", "suspension"] as const) {
  const bitstring = await readStatusBitstring(registry, typeId, purpose);
  const credential = statusListCredential({
    id: urls[purpose],
    issuer,
    purpose,
    encodedList: encodeStatusList(bitstring),
    validFrom: new Date(),
  });
  const file = join(outDir, `${typeCode}-${purpose}.json`);
  writeFileSync(file, JSON.stringify(credential, null, 2) + "\n");
  console.log(`wrote ${file} (${bitstring.length * 8} entries)`);
}

// Every certificate's index, from the public record (events).
const single = await registry.queryFilter(registry.filters.CertificateIssued(undefined, typeId));
const batches = await registry.queryFilter(registry.filters.BatchAnchored(undefined, typeId));
const entries = (index: number) => [statusListEntry(urls.revocation, "revocation", index), statusListEntry(urls.suspension, "suspension", index)];
const index = {
  certificateType: typeCode,
  registry: registryAddress,
  chainId: chainId.toString(),
  certificates: single.map((e) => ({ digest: e.args.digest, statusListIndex: Number(e.args.statusIndex), credentialStatus: entries(Number(e.args.statusIndex)) })),
  batches: batches.map((e) => ({
    batchId: e.args.batchId.toString(),
    firstStatusListIndex: Number(e.args.firstStatusIndex),
    count: Number(e.args.count),
    note: "item i of the batch has statusListIndex firstStatusListIndex + i",
  })),
};
const indexFile = join(outDir, `${typeCode}-index.json`);
writeFileSync(indexFile, JSON.stringify(index, null, 2) + "\n");
console.log(`wrote ${indexFile} (${index.certificates.length} certificates, ${index.batches.length} batches)`);
