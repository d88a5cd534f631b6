import { deepStrictEqual } from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { expect } from "chai";
import { getAddress, hexlify, isAddress as ethersIsAddress, keccak256, randomBytes } from "ethers";
import { artifacts } from "hardhat";

import {
  abiExportName,
  checksumAddress,
  codeMatchesArtifact,
  DAPP_DEPLOYMENTS_STUB_FILE,
  dappContractNames,
  type DeploymentManifest,
  deploymentGasBound,
  isAddress,
  keccakHex,
  maskImmutables,
  parameterProblems,
  renderDappDeployments,
  renderDappDeploymentsStub,
} from "../lib/deployments.js";
import { DEPLOYABLE_MODULES, moduleWork } from "../scripts/modules.js";

/** Imports generated TypeScript (erasable syntax only: `as const`, type annotations) as a module. */
async function importSource(source: string): Promise<Record<string, unknown>> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "govchain-dapp-")), "deployments.mts");
  writeFileSync(file, source);
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}

const params = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Record<string, Record<string, unknown>>;

describe("lib/deployments", function () {
  describe("parameterProblems", function () {
    it("reports every placeholder of the committed govchain.json, which must be filled before deploying", function () {
      const problems = parameterProblems(params("ignition/parameters/govchain.json"), "govchain.json");
      deepStrictEqual(problems, [
        "govchain.json: Authority.guardian is not set (address of the guardian (e.g. the audit office's multisig), who may cancel scheduled admin actions)",
        "govchain.json: Procurement.paymentToken is not set (address of the ERC-20 the tender budgets are paid in)",
      ]);
    });

    it("accepts the committed local and compatibility parameters", function () {
      deepStrictEqual(parameterProblems(params("ignition/parameters/localhost.json"), "localhost.json"), []);
      deepStrictEqual(parameterProblems(params("ignition/parameters/compat.json"), "compat.json"), []);
    });

    it("reports a malformed address, a missing payment token, and a payment token next to a dev token", function () {
      deepStrictEqual(parameterProblems({ Authority: { guardian: "0x1234" } }, "p.json"), [
        "p.json: Authority.guardian is not a valid address: 0x1234",
        "p.json: Procurement.paymentToken is missing (the ERC-20 the tender budgets are paid in)",
      ]);
      const token = getAddress(hexlify(randomBytes(20)));
      deepStrictEqual(parameterProblems({ Procurement: { paymentToken: token }, DevStablecoin: {} }, "p.json"), [
        "p.json: give either Procurement.paymentToken or a DevStablecoin entry, not both",
      ]);
      deepStrictEqual(parameterProblems({ Procurement: { paymentToken: token } }, "p.json"), []);
    });
  });

  describe("codeMatchesArtifact", function () {
    it("matches deployed code whatever its immutables hold, and nothing else", async function () {
      const artifact = await artifacts.readArtifact("LicenseRegistry");
      const references = artifact.immutableReferences as Record<string, { start: number; length: number }[]>;
      expect(Object.keys(references).length).to.be.greaterThan(0);
      const code = Buffer.from(artifact.deployedBytecode.slice(2), "hex");
      for (const ranges of Object.values(references)) {
        for (const { start, length } of ranges) Buffer.from(randomBytes(length)).copy(code, start);
      }
      const deployed = `0x${code.toString("hex")}`;
      expect(deployed).to.not.equal(artifact.deployedBytecode);
      expect(codeMatchesArtifact(deployed, artifact)).to.equal(true);
      expect(maskImmutables(deployed, references)).to.equal(maskImmutables(artifact.deployedBytecode, references));

      const tampered = Buffer.from(code);
      tampered[10] ^= 0xff;
      expect(codeMatchesArtifact(`0x${tampered.toString("hex")}`, artifact)).to.equal(false);
      expect(codeMatchesArtifact(`${deployed}00`, artifact)).to.equal(false);
      const other = await artifacts.readArtifact("LicenseToken");
      expect(codeMatchesArtifact(other.deployedBytecode, artifact)).to.equal(false);
    });
  });

  it("deploymentGasBound counts creation costs per byte and a flat allowance per call", function () {
    const one = deploymentGasBound([{ bytecode: "0x0000", deployedBytecode: "0x00" }], 0);
    expect(one).to.equal(21_000n + 32_000n + 2n * 16n + 200n + 300_000n);
    expect(deploymentGasBound([{ bytecode: "0x0000", deployedBytecode: "0x00" }], 2)).to.equal(one + 300_000n);
  });

  describe("addresses and hashes without ethers (browser-safe)", function () {
    it("checksums and validates addresses exactly as ethers does", function () {
      for (let i = 0; i < 50; i++) {
        const lower = hexlify(randomBytes(20)).toLowerCase();
        expect(checksumAddress(lower)).to.equal(getAddress(lower));
        expect(checksumAddress(lower.toUpperCase().replace("0X", "0x"))).to.equal(getAddress(lower));
        expect(isAddress(getAddress(lower))).to.equal(true);
        expect(isAddress(lower)).to.equal(true);
      }
      const good = getAddress(hexlify(randomBytes(20)));
      const letter = good.slice(2).search(/[a-fA-F]/) + 2;
      const flipped = good.slice(0, letter) + (good[letter] === good[letter].toUpperCase() ? good[letter].toLowerCase() : good[letter].toUpperCase()) + good.slice(letter + 1);
      for (const bad of [flipped, "0x1234", `${good}00`, good.slice(2), `0x${"g".repeat(40)}`]) {
        expect(isAddress(bad), bad).to.equal(ethersIsAddress(bad) && bad.startsWith("0x"));
        expect(isAddress(bad), bad).to.equal(false);
      }
      expect(() => checksumAddress("0x1234")).to.throw("not an address");
    });

    it("keccakHex is keccak256 of the bytes", function () {
      const bytes = hexlify(randomBytes(97));
      expect(keccakHex(bytes)).to.equal(keccak256(bytes));
      expect(keccakHex("0x")).to.equal(keccak256("0x"));
    });
  });

  describe("the dApp's deployments file", function () {
    const tenderEscrowAbi = [{ type: "function", name: "withdraw", inputs: [], outputs: [], stateMutability: "nonpayable" }];
    const tokenAbi = [{ type: "function", name: "mint", inputs: [], outputs: [], stateMutability: "nonpayable" }];
    const abiOf = (name: string) => ({ TenderEscrow: tenderEscrowAbi, ERC20Mock: tokenAbi })[name]!;
    const manifest = (chainId: number, contracts: Record<string, { address: string; deployedBlock: number }>) =>
      ({ chainId, contracts }) as unknown as DeploymentManifest;

    it("names each ABI export in camel case, acronyms included", function () {
      expect(abiExportName("TenderEscrow")).to.equal("tenderEscrowAbi");
      expect(abiExportName("ERC20Mock")).to.equal("erc20MockAbi");
      expect(abiExportName("URLParser")).to.equal("urlParserAbi");
      expect(abiExportName("ERC1271Wallet")).to.equal("erc1271WalletAbi");
      expect(abiExportName("Token")).to.equal("tokenAbi");
      expect(() => abiExportName("Tender-Escrow")).to.throw("not a contract name");
    });

    it("emits each ABI once, every ABI by name, and per chain the address and deployment block", async function () {
      const address = hexlify(randomBytes(20)).toLowerCase();
      const other = hexlify(randomBytes(20)).toLowerCase();
      const source = renderDappDeployments(
        [
          manifest(31337, { TenderEscrow: { address: other, deployedBlock: 3 } }),
          manifest(202611, { TenderEscrow: { address, deployedBlock: 14 }, ERC20Mock: { address: other, deployedBlock: 2 } }),
        ],
        ["TenderEscrow", "ERC20Mock"],
        abiOf,
      );
      expect(source.match(/"name": "withdraw"/g)).to.have.length(1);
      expect(source).to.contain("export const tenderEscrowAbi = [");
      expect(source).to.contain("] as const;");
      const module = await importSource(source);
      deepStrictEqual(module.tenderEscrowAbi, tenderEscrowAbi);
      deepStrictEqual(module.erc20MockAbi, tokenAbi);
      expect((module.abis as Record<string, unknown>).TenderEscrow).to.equal(module.tenderEscrowAbi);
      deepStrictEqual(Object.keys(module.abis as object), ["ERC20Mock", "TenderEscrow"]);
      deepStrictEqual(module.deployments, {
        "31337": { TenderEscrow: { address: getAddress(other), deployedBlock: 3 } },
        "202611": { ERC20Mock: { address: getAddress(other), deployedBlock: 2 }, TenderEscrow: { address: getAddress(address), deployedBlock: 14 } },
      });
    });

    it("emits every ABI and no chain when nothing is deployed", async function () {
      const module = await importSource(renderDappDeployments([], ["TenderEscrow"], abiOf));
      deepStrictEqual(module.tenderEscrowAbi, tenderEscrowAbi);
      deepStrictEqual(module.deployments, {});
    });

    it("refuses a contract with no ABI in the export, two manifests of one chain and a bad chain id", function () {
      const address = hexlify(randomBytes(20));
      expect(() => renderDappDeployments([manifest(5, { Other: { address, deployedBlock: 1 } })], ["TenderEscrow"], abiOf)).to.throw(
        "chain 5 records Other, which has no ABI in the export",
      );
      const one = manifest(5, { TenderEscrow: { address, deployedBlock: 1 } });
      expect(() => renderDappDeployments([one, one], ["TenderEscrow"], abiOf)).to.throw("two manifests for chain 5");
      expect(() => renderDappDeployments([manifest(0, {})], ["TenderEscrow"], abiOf)).to.throw("bad chain id");
    });

    it("lists the modules' contracts and every contract a manifest records", function () {
      deepStrictEqual(dappContractNames(["B", "A"], [manifest(1, { C: { address: "", deployedBlock: 0 } }), manifest(2, { A: { address: "", deployedBlock: 0 } })]), ["A", "B", "C"]);
    });

    it("the stub has the generated file's exports, untyped, with no chain", async function () {
      const stub = renderDappDeploymentsStub(["TenderEscrow", "ERC20Mock"]);
      expect(stub).to.contain("export const tenderEscrowAbi: any = [];");
      const module = await importSource(stub);
      const generated = await importSource(renderDappDeployments([], ["TenderEscrow", "ERC20Mock"], abiOf));
      deepStrictEqual(Object.keys(module).sort(), Object.keys(generated).sort());
      deepStrictEqual(module.deployments, {});
    });

    it("the committed stub lists every contract of the deployable modules (else run `npm run export` and commit it)", function () {
      const names = dappContractNames(moduleWork(DEPLOYABLE_MODULES).contracts, []);
      expect(names).to.include.members(["CertificateRegistry", "DepartmentDirectory", "GovchainAccessManager", "TenderEscrow", "TestStablecoin"]);
      expect(readFileSync(DAPP_DEPLOYMENTS_STUB_FILE, "utf8")).to.equal(renderDappDeploymentsStub(names));
    });
  });
});
