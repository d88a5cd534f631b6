/**
 * Builds the W3C Bitstring Status List credentials (revocation and suspension) of one certificate type
 * from chain state, and the index of every certificate of that type in those lists.
 *
 *   GOVCHAIN_CERT_TYPE=BIZ npx hardhat run scripts/status-list.ts --network localhost
 *
 * Environment: GOVCHAIN_CERT_TYPE (type code, required: 2 to 16 of A-Z 0-9 - _), GOVCHAIN_STATUS_BASE_URL
 * (where the lists will be published; default https://status.govchain.example), GOVCHAIN_STATUS_OUT (a
 * folder inside status/; default status/ itself), GOVCHAIN_CERTIFICATE_REGISTRY (address; default: from
 * the newest deployment manifest of this chain under ignition/deployments/).
 *
 * Every file goes inside status/: the type code (which names the files and URLs) must be a valid code,
 * and the output folder must resolve inside status/ (symbolic links included), or the script stops
 * before writing anything.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";

import { network } from "hardhat";

import { DEPLOYMENTS_DIR, type DeploymentManifest, MANIFEST_FILE } from "../lib/deployments.js";
import {
  encodeStatusList,
  isValidTypeCode,
  readStatusBitstring,
  statusListCredential,
  statusListEntry,
  type StatusPurpose,
} from "../lib/statusList.js";
import { statusListOutputPath, type StatusListFile } from "../lib/node/statusListFiles.js";
import { CertificateRegistry__factory } from "../types/ethers-contracts/index.js";

const typeCode = process.env.GOVCHAIN_CERT_TYPE;
if (typeCode === undefined || typeCode === "") {
  console.error("status-list: set GOVCHAIN_CERT_TYPE to a certificate type code, e.g. GOVCHAIN_CERT_TYPE=BIZ");
  process.exit(1);
}
if (!isValidTypeCode(typeCode)) {
  console.error(`status-list: ${JSON.stringify(typeCode)} is not a certificate type code (2 to 16 of A-Z 0-9 - _)`);
  process.exit(1);
}
const STATUS_ROOT = resolve("status");
const subfolder = process.env.GOVCHAIN_STATUS_OUT ?? "";
/** The path of one output file; throws (before anything is written) if it would leave status/. */
const outputPath = (file: StatusListFile) => statusListOutputPath(STATUS_ROOT, subfolder, typeCode, file);
let outDir: string;
try {
  outDir = dirname(outputPath("index"));
} catch (error) {
  console.error(`status-list: ${(error as Error).message} (GOVCHAIN_STATUS_OUT is a folder inside status/)`);
  process.exit(1);
}
const baseUrl = (process.env.GOVCHAIN_STATUS_BASE_URL ?? "https://status.govchain.example").replace(/\/$/, "");

const { ethers } = await network.create();
const chainId = (await ethers.provider.getNetwork()).chainId;

/**
 * The registry's address: GOVCHAIN_CERTIFICATE_REGISTRY, or the manifest of a deployment of this chain
 * (ignition/deployments/<network>-<chainId>/manifest.json, as `npm run deploy` and `npm start` write it).
 */
function deployedAddress(): string {
  const fromEnv = process.env.GOVCHAIN_CERTIFICATE_REGISTRY;
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  const manifests = existsSync(DEPLOYMENTS_DIR)
    ? readdirSync(DEPLOYMENTS_DIR)
        .map((entry) => join(DEPLOYMENTS_DIR, entry, MANIFEST_FILE))
        .filter((file) => existsSync(file))
        .map((file) => ({ file, manifest: JSON.parse(readFileSync(file, "utf8")) as DeploymentManifest }))
        .filter(({ manifest }) => BigInt(manifest.chainId) === chainId)
        .sort((a, b) => b.manifest.writtenAt.localeCompare(a.manifest.writtenAt))
    : [];
  const address = manifests[0]?.manifest.contracts.CertificateRegistry?.address;
  if (address === undefined) {
    console.error(
      `status-list: no deployment manifest of chain ${chainId} under ${DEPLOYMENTS_DIR}; ` +
        "set GOVCHAIN_CERTIFICATE_REGISTRY to the registry's address. Nothing was written.",
    );
    process.exit(1);
  }
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
// A symbolic link inside status/ must not lead out of it either.
const realOut = realpathSync(outDir);
const realRoot = realpathSync(STATUS_ROOT);
if (realOut !== realRoot && !realOut.startsWith(realRoot + sep)) {
  console.error(`status-list: ${outDir} leads to ${realOut}, outside ${realRoot}`);
  process.exit(1);
}
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
  const file = outputPath(purpose);
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
  batches: await Promise.all(
    batches.map(async (e) => ({
      batchId: e.args.batchId.toString(),
      firstStatusListIndex: Number(e.args.firstStatusIndex),
      count: Number(e.args.count),
      // A revoked batch has every one of its indexes set in the revocation list above.
      revoked: (await registry.batch(e.args.batchId)).revoked,
      note: "item i of the batch has statusListIndex firstStatusListIndex + i",
    })),
  ),
};
const indexFile = outputPath("index");
writeFileSync(indexFile, JSON.stringify(index, null, 2) + "\n");
console.log(`wrote ${indexFile} (${index.certificates.length} certificates, ${index.batches.length} batches)`);
