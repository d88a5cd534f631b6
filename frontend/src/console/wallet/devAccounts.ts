/**
 * The "development accounts" connector: signs with the local platform's well-known test accounts
 * (lib/localAccounts.ts), so a developer can play every role without a wallet extension.
 *
 * Only a build for the local chain id contains this module (vite.config.ts defines
 * __GOVCHAIN_DEV_ACCOUNTS__; consoleWagmi.ts imports it behind that constant), and it refuses to work
 * unless both the configured chain and the node it talks to have the local chain id.
 */
import { LOCAL_ACCOUNTS, type LocalAccount } from "@lib/localAccounts";
import type { Chain, EIP1193Provider } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { injected } from "wagmi";

import { LOCAL_CHAIN_ID } from "../../lib/config";
import { localSignerRequest, ProviderRpcError } from "./localSigner";

/** The mnemonic of Hardhat's and anvil's default accounts: public, for the local chain only. */
const LOCAL_TEST_MNEMONIC = "test test test test test test test test test test test junk";

export const DEV_ACCOUNTS_CONNECTOR_ID = "govchain-dev-accounts";

export { LOCAL_ACCOUNTS, type LocalAccount };

type Listener = (...args: unknown[]) => void;

/** An EIP-1193 provider over the test account chosen in the console's menu. */
export function createDevAccountsProvider(chain: Chain, rpcUrl: string) {
  if (chain.id !== LOCAL_CHAIN_ID) throw new Error(`development accounts exist only on the local chain (${LOCAL_CHAIN_ID}), not ${chain.id}`);
  // Like a wallet extension: no account is disclosed to the page until the user connects
  // (eth_requestAccounts); the choice and the authorization survive a reload.
  const stored = readStored();
  let index = stored.index;
  let authorized = stored.authorized;
  let nodeChecked = false;
  const listeners = new Map<string, Set<Listener>>();
  const emit = (event: string, ...args: unknown[]) => listeners.get(event)?.forEach((listener) => listener(...args));
  const account = () => mnemonicToAccount(LOCAL_TEST_MNEMONIC, { addressIndex: index });
  const context = { chain, rpcUrl, account };

  const provider = {
    async request({ method, params }: { method: string; params?: readonly unknown[] }) {
      if (!nodeChecked) {
        // The node must be the local chain too: a test key must never sign for a real network.
        const answer = (await fetch(rpcUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            jsonrpc: "2.0",
            id: 1,
            method: "eth_chainId",
            params: [],
          }),
        }).then((response) => response.json())) as { result?: string };
        if (Number(answer.result) !== LOCAL_CHAIN_ID) throw new ProviderRpcError(4900, `the node is not the local chain ${LOCAL_CHAIN_ID}`);
        nodeChecked = true;
      }
      if (method === "eth_accounts" && !authorized) return [];
      if (method === "eth_requestAccounts") {
        authorized = true;
        writeStored({ index, authorized });
      }
      return localSignerRequest(context, method, params ?? []);
    },
    on(event: string, listener: Listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
    },
    removeListener(event: string, listener: Listener) {
      listeners.get(event)?.delete(listener);
    },
    /** Switches to test account `accountIndex` (as a wallet does when its user picks another account). */
    select(accountIndex: number) {
      index = accountIndex;
      writeStored({ index, authorized });
      emit("accountsChanged", [account().address]);
    },
    selected: () => index,
  };
  return provider as typeof provider & EIP1193Provider;
}

const STORAGE_KEY = "govchain.console.devAccount";

function readStored(): { index: number; authorized: boolean } {
  try {
    const value = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null") as {
      index?: unknown;
      authorized?: unknown;
    } | null;
    const index = Number(value?.index);
    return {
      index: LOCAL_ACCOUNTS.some((a) => a.index === index) ? index : 0,
      authorized: value?.authorized === true,
    };
  } catch {
    return { index: 0, authorized: false };
  }
}

function writeStored(value: { index: number; authorized: boolean }) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(value));
  } catch {
    // Not remembered: the developer picks the account again after a reload.
  }
}

export type DevAccountsProvider = ReturnType<typeof createDevAccountsProvider>;

/** The wagmi connector over that provider. */
export function devAccountsConnector(provider: DevAccountsProvider) {
  return injected({
    target: {
      id: DEV_ACCOUNTS_CONNECTOR_ID,
      name: "Development accounts",
      provider: () => provider,
    },
    shimDisconnect: true,
  });
}
