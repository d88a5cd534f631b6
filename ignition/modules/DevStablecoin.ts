import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * A test payment token (2-decimal "tCNY", anyone may mint) for local and compatibility chains only.
 * scripts/deploy.ts deploys it before the Platform module when the network's parameters file has a
 * "DevStablecoin" key, and passes its address as Procurement.paymentToken. Real networks name their
 * payment token in Procurement.paymentToken instead and have no "DevStablecoin" key.
 */
export default buildModule("DevStablecoin", (m) => {
  const paymentToken = m.contract("TestStablecoin", []);
  return { paymentToken };
});
