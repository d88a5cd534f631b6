import { expect } from "chai";
import { type FunctionFragment, type ParamType } from "ethers";
import { network } from "hardhat";

import { ADMIN_FUNCTIONS, PUBLIC_FUNCTIONS, PUBLIC_ROLE, selectorOf, UNRESTRICTED_FUNCTIONS, type PlatformContract } from "../lib/access.js";
import { ADMIN_ROLE } from "../lib/departments.js";
import PlatformModule from "../ignition/modules/Platform.js";
import type { GovchainAccessManager } from "../types/ethers-contracts/index.js";

/**
 * The pause switch and the public/admin split, checked for every platform contract from its ABI: every
 * state-changing function is in exactly one of lib/access.ts's three lists, the deployed manager maps
 * them accordingly, and a contract closed by the guardian refuses every restricted entry point (called
 * with zero arguments: `restricted` runs before any other check) while the unrestricted ones still run.
 */
const connection = await network.create();
const { ethers, networkHelpers } = connection;

const CONTRACTS = Object.keys(PUBLIC_FUNCTIONS) as PlatformContract[];
const KEY: Record<PlatformContract, string> = {
  DepartmentDirectory: "directory",
  CertificateRegistry: "certificates",
  ConsentRegistry: "consents",
  LicenseRegistry: "licenses",
  TenderEscrow: "tenders",
};

async function platformFixture() {
  const [, guardian, outsider] = await ethers.getSigners();
  const token = await ethers.deployContract("TestStablecoin");
  const deployed = (await connection.ignition.deploy(PlatformModule, {
    parameters: {
      Authority: { guardian: guardian.address },
      Procurement: { paymentToken: await token.getAddress(), supervisingDepartment: 0n },
    },
    displayUi: false,
  })) as unknown as Record<string, { getAddress(): Promise<string>; interface: import("ethers").Interface }>;
  const manager = deployed.manager as unknown as GovchainAccessManager;
  return { deployed, manager, guardian, outsider };
}

function zeroOf(param: ParamType): unknown {
  if (param.isArray()) return [];
  if (param.isTuple()) return param.components.map(zeroOf);
  if (param.type === "address") return ethers.ZeroAddress;
  if (param.type === "bool") return false;
  if (param.type === "string") return "";
  if (param.type === "bytes") return "0x";
  if (param.type.startsWith("bytes")) return ethers.zeroPadValue("0x", Number(param.type.slice(5)));
  return 0n;
}

function stateChanging(iface: import("ethers").Interface): FunctionFragment[] {
  return iface.fragments.filter(
    (f): f is FunctionFragment => f.type === "function" && !["view", "pure"].includes((f as FunctionFragment).stateMutability),
  );
}

/** The custom error a call reverts with (its name and arguments), or undefined if it succeeds. */
async function revertOf(iface: import("ethers").Interface, from: string, to: string, data: string) {
  try {
    await ethers.provider.call({ from, to, data });
    return undefined;
  } catch (error) {
    const revertData = (error as { data?: string }).data;
    const parsed = revertData === undefined || revertData === "0x" ? null : iface.parseError(revertData);
    return { name: parsed?.name ?? "(unknown)", args: parsed?.args ?? [] };
  }
}

describe("Access wiring (lib/access.ts)", function () {
  for (const name of CONTRACTS) {
    describe(name, function () {
      it("lists every state-changing function exactly once: public, administrator-only or unrestricted", async function () {
        const { deployed } = await networkHelpers.loadFixture(platformFixture);
        const iface = deployed[KEY[name]].interface;
        const inAbi = stateChanging(iface).map((f) => f.format("sighash")).sort();
        const listed = [...PUBLIC_FUNCTIONS[name], ...ADMIN_FUNCTIONS[name], ...UNRESTRICTED_FUNCTIONS[name]];
        expect(new Set(listed).size).to.equal(listed.length, "a function is listed twice");
        expect([...listed].sort()).to.deep.equal(inAbi);
      });

      it("maps the public functions to PUBLIC_ROLE and leaves the administrative ones to ADMIN_ROLE", async function () {
        const { deployed, manager } = await networkHelpers.loadFixture(platformFixture);
        const target = await deployed[KEY[name]].getAddress();
        for (const signature of PUBLIC_FUNCTIONS[name]) {
          expect(await manager.getTargetFunctionRole(target, selectorOf(signature))).to.equal(PUBLIC_ROLE, signature);
        }
        for (const signature of ADMIN_FUNCTIONS[name]) {
          expect(await manager.getTargetFunctionRole(target, selectorOf(signature))).to.equal(ADMIN_ROLE, signature);
        }
      });

      it("when closed by the guardian refuses every restricted function and still runs the unrestricted ones; reopens", async function () {
        const { deployed, manager, guardian, outsider } = await networkHelpers.loadFixture(platformFixture);
        const contract = deployed[KEY[name]];
        const target = await contract.getAddress();
        const iface = contract.interface;
        const call = (signature: string) => {
          const fragment = iface.getFunction(signature)!;
          return revertOf(iface, outsider.address, target, iface.encodeFunctionData(fragment, fragment.inputs.map(zeroOf)));
        };
        // Open: an outsider's call to a public function fails, if at all, on the contract's own checks.
        for (const signature of PUBLIC_FUNCTIONS[name]) {
          expect((await call(signature))?.name, signature).to.not.equal("AccessManagedUnauthorized");
        }
        for (const signature of ADMIN_FUNCTIONS[name]) {
          expect((await call(signature))?.name, signature).to.equal("AccessManagedUnauthorized");
        }
        await manager.connect(guardian).setTargetClosed(target, true);
        for (const signature of [...PUBLIC_FUNCTIONS[name], ...ADMIN_FUNCTIONS[name]]) {
          const reverted = await call(signature);
          expect(reverted?.name, signature).to.equal("AccessManagedUnauthorized");
          expect(reverted?.args[0], signature).to.equal(outsider.address);
        }
        for (const signature of UNRESTRICTED_FUNCTIONS[name]) {
          expect((await call(signature))?.name, signature).to.not.equal("AccessManagedUnauthorized");
        }
        await manager.setTargetClosed(target, false);
        for (const signature of PUBLIC_FUNCTIONS[name]) {
          expect((await call(signature))?.name, signature).to.not.equal("AccessManagedUnauthorized");
        }
      });
    });
  }
});
