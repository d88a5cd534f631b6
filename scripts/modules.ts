/**
 * The deployable Ignition modules and what their futures do, walked once for the deploy script's gas
 * bound and the exporter's list of contracts the dApp needs an ABI for.
 */
import { FutureType, type IgnitionModule } from "@nomicfoundation/ignition-core";

import DevStablecoinModule from "../ignition/modules/DevStablecoin.js";
import PlatformModule from "../ignition/modules/Platform.js";

export { DevStablecoinModule, PlatformModule };

/** Every module a deployment may run: the platform, and the development payment token on local chains. */
export const DEPLOYABLE_MODULES = [PlatformModule, DevStablecoinModule] as unknown as IgnitionModule[];

/** The contracts (artifact names) and calls the modules' futures make, submodules included. */
export function moduleWork(modules: IgnitionModule[]): { contracts: string[]; calls: number } {
  const seen = new Set<IgnitionModule>();
  const contracts: string[] = [];
  let calls = 0;
  const walk = (module: IgnitionModule) => {
    if (seen.has(module)) return;
    seen.add(module);
    for (const future of module.futures) {
      if (future.type === FutureType.NAMED_ARTIFACT_CONTRACT_DEPLOYMENT) contracts.push(future.contractName);
      else if (future.type === FutureType.CONTRACT_CALL) calls++;
    }
    for (const submodule of module.submodules) walk(submodule);
  };
  modules.forEach(walk);
  return { contracts, calls };
}
