/**
 * The console's wagmi config: the public pages' chain and transports, plus the wallets. Injected wallets
 * are discovered through EIP-6963 (MetaMask, Rabby and others announce themselves); on the local chain
 * only, the development accounts. The connection is remembered (localStorage) so a reload stays signed in.
 */
import { createConfig, createStorage } from "wagmi";

import { config as appConfig } from "../config";
import { LOCAL_CHAIN_ID } from "../lib/config";
import { chainTransports, govchain, POLLING_INTERVAL_MS } from "../wagmi";
import type { DevAccountsProvider, LocalAccount } from "./wallet/devAccounts";

export interface DevAccounts {
  provider: DevAccountsProvider;
  accounts: readonly LocalAccount[];
  connectorId: string;
  connector: ReturnType<typeof import("./wallet/devAccounts").devAccountsConnector>;
}

async function loadDevAccounts(): Promise<DevAccounts | undefined> {
  // Dead code (and no chunk) in a build for another chain id: the constant is false there.
  if (!__GOVCHAIN_DEV_ACCOUNTS__ || appConfig.chainId !== LOCAL_CHAIN_ID) return undefined;
  const dev = await import("./wallet/devAccounts");
  const provider = dev.createDevAccountsProvider(govchain, appConfig.rpcUrl);
  return {
    provider,
    accounts: dev.LOCAL_ACCOUNTS,
    connectorId: dev.DEV_ACCOUNTS_CONNECTOR_ID,
    connector: dev.devAccountsConnector(provider),
  };
}

export const devAccounts = await loadDevAccounts();

export const consoleConfig = createConfig({
  chains: [govchain],
  transports: chainTransports,
  connectors: devAccounts === undefined ? [] : [devAccounts.connector],
  multiInjectedProviderDiscovery: true,
  storage: createStorage({
    storage: typeof window === "undefined" ? undefined : window.localStorage,
    key: "govchain.console",
  }),
  pollingInterval: POLLING_INTERVAL_MS,
});
