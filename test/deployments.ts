import { deepStrictEqual } from "node:assert/strict";
import { readFileSync } from "node:fs";

import { expect } from "chai";
import { getAddress, hexlify, randomBytes } from "ethers";
import { artifacts } from "hardhat";

import {
  codeMatchesArtifact,
  type DeploymentManifest,
  deploymentGasBound,
  maskImmutables,
  parameterProblems,
  renderDappDeployments,
} from "../lib/deployments.js";

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

  it("renderDappDeployments writes { chainId: { Name: { address, abi, deployedBlock } } } as a const module", function () {
    const address = hexlify(randomBytes(20)).toLowerCase();
    const manifest = {
      chainId: 202611,
      contracts: {
        TenderEscrow: { artifact: "contracts/procurement/TenderEscrow.sol:TenderEscrow", address, deployedBlock: 14 },
      },
    } as unknown as DeploymentManifest;
    const abi = [{ type: "function", name: "withdraw", inputs: [], outputs: [], stateMutability: "nonpayable" }];
    const source = renderDappDeployments([manifest], (artifact) => {
      expect(artifact).to.equal("contracts/procurement/TenderEscrow.sol:TenderEscrow");
      return abi;
    });
    const json = source.slice(source.indexOf("{"), source.lastIndexOf("} as const") + 1);
    deepStrictEqual(JSON.parse(json), { "202611": { TenderEscrow: { address: getAddress(address), abi, deployedBlock: 14 } } });
    expect(source).to.contain("export type DeployedChainId = keyof typeof deployments;");
  });
});
