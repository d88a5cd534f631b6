/**
 * wagmi for the public pages: the configured chain over plain HTTP, no connector, no EIP-6963 wallet
 * discovery, no reconnect, nothing stored in the reader's browser. The public pages never talk to a
 * wallet. (wagmi's createConfig still bundles its small `injected` connector factory and the mipd
 * store, inert with these settings.) The officials' console (routes/console/, a lazily loaded chunk)
 * will bring its own config with the wallet connectors, sharing `govchain` and `chainTransports`.
 */
import { defineChain, http } from "viem";
import { type Config, createConfig } from "wagmi";

import { config as appConfig } from "./config";

/** The configured chain, as viem and wallets describe it. */
export const govchain = defineChain({
  id: appConfig.chainId,
  name: appConfig.chainName,
  // A PoA chain with zero gas price still has a native currency in the wallet's eyes.
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [appConfig.rpcUrl] } },
});

/** Blocks come every 2 s on the platform's chain: poll at that pace. */
export const POLLING_INTERVAL_MS = 2_000;

/** The transports every config of the app uses (the console's too): HTTP to the configured RPC URL. */
export const chainTransports = {
  [govchain.id]: http(appConfig.rpcUrl, { batch: true, retryCount: 1, timeout: 8_000 }),
} as const;

export const config = createConfig({
  chains: [govchain],
  transports: chainTransports,
  connectors: [],
  multiInjectedProviderDiscovery: false,
  storage: null,
  pollingInterval: POLLING_INTERVAL_MS,
});

declare module "wagmi" {
  interface Register {
    // The chain and transports of every config of the app; any connectors (the console has wallets).
    config: Config<readonly [typeof govchain], typeof chainTransports>;
  }
}
