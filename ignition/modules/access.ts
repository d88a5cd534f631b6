import type { IgnitionModuleBuilder, NamedArtifactContractDeploymentFuture } from "@nomicfoundation/ignition-core";

import { PUBLIC_ROLE, publicSelectors, type PlatformContract } from "../../lib/access.js";

/**
 * Opens `contract`'s public entry points (lib/access.ts) to PUBLIC_ROLE in the manager. Every other
 * restricted function keeps the manager's default, ADMIN_ROLE. Must run before the administrators'
 * execution delay is applied (the Platform module's last step), since it is an administrator call.
 */
export function openToPublic(
  m: IgnitionModuleBuilder,
  manager: NamedArtifactContractDeploymentFuture<"GovchainAccessManager">,
  contract: NamedArtifactContractDeploymentFuture<PlatformContract>,
) {
  return m.call(manager, "setTargetFunctionRole", [contract, publicSelectors(contract.contractName), PUBLIC_ROLE], {
    id: `public_${contract.contractName}`,
  });
}
