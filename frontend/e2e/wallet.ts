/**
 * A wallet simulated in the page for the console's end-to-end tests: an EIP-1193 provider announced
 * through EIP-6963 (as MetaMask and Rabby announce themselves), whose every request is answered in Node
 * by the same code as the console's development accounts (src/console/wallet/localSigner.ts), signing
 * with a viem local account. The test chooses the account, and can make the "user" reject the next prompt.
 */
import type { BrowserContext } from "playwright-core";
import { type Account, defineChain, type Hex } from "viem";
import { mnemonicToAccount } from "viem/accounts";

import { localSignerRequest, ProviderRpcError } from "../src/console/wallet/localSigner.ts";

/** The local platform's well-known test mnemonic (lib/localAccounts.ts indices). */
const LOCAL_TEST_MNEMONIC = "test test test test test test test test test test test junk";

export const WALLET_NAME = "E2E Wallet";

/** Requests a real wallet shows its user (and that the user can refuse). */
const PROMPTS = new Set([
  "eth_requestAccounts",
  "eth_sendTransaction",
  "personal_sign",
  "eth_signTypedData_v4",
  "wallet_switchEthereumChain",
  "wallet_addEthereumChain",
]);

export interface SimulatedWallet {
  /** Switches to local account `index` (announces accountsChanged in every page of the context). */
  useAccount(index: number): Promise<void>;
  readonly address: Hex;
  /** The user will refuse the next prompt of this method (e.g. "eth_signTypedData_v4"). */
  rejectNext(method: string): void;
  /** Every prompt shown so far, in order. */
  readonly prompts: string[];
}

export async function installWallet(context: BrowserContext, options: { rpcUrl: string; chainId: number; accountIndex: number }): Promise<SimulatedWallet> {
  const chain = defineChain({
    id: options.chainId,
    name: "govchain",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [options.rpcUrl] } },
  });
  let account: Account = mnemonicToAccount(LOCAL_TEST_MNEMONIC, {
    addressIndex: options.accountIndex,
  });
  const rejections = new Set<string>();
  const prompts: string[] = [];
  // A wallet discloses no account to a site before the user connects it.
  let authorized = false;

  await context.exposeFunction("__e2eWalletRequest", async (method: string, params: unknown[]) => {
    try {
      if (PROMPTS.has(method)) {
        prompts.push(method);
        if (rejections.delete(method)) throw new ProviderRpcError(4001, "User rejected the request.");
      }
      if (method === "eth_accounts" && !authorized) return { result: [] };
      if (method === "eth_requestAccounts") authorized = true;
      const result = await localSignerRequest({ chain, rpcUrl: options.rpcUrl, account: () => account }, method, params);
      return {
        result: JSON.parse(JSON.stringify(result ?? null, (_, v: unknown) => (typeof v === "bigint" ? `0x${v.toString(16)}` : v))) as unknown,
      };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      return {
        error: {
          code: typeof code === "number" ? code : -32603,
          message: error instanceof Error ? error.message : String(error),
        },
      };
    }
  });
  await context.addInitScript(
    ({ name }) => {
      type Listener = (...args: unknown[]) => void;
      const listeners = new Map<string, Set<Listener>>();
      const call = (
        window as unknown as {
          __e2eWalletRequest: (
            method: string,
            params: unknown[],
          ) => Promise<{
            result?: unknown;
            error?: { code: number; message: string };
          }>;
        }
      ).__e2eWalletRequest;
      const provider = {
        async request({ method, params }: { method: string; params?: unknown[] }) {
          const answer = await call(method, params ?? []);
          if (answer.error !== undefined)
            throw Object.assign(new Error(answer.error.message), {
              code: answer.error.code,
            });
          return answer.result;
        },
        on(event: string, listener: Listener) {
          if (!listeners.has(event)) listeners.set(event, new Set());
          listeners.get(event)!.add(listener);
        },
        removeListener(event: string, listener: Listener) {
          listeners.get(event)?.delete(listener);
        },
      };
      (
        window as unknown as {
          __e2eWalletEmit: (event: string, ...args: unknown[]) => void;
        }
      ).__e2eWalletEmit = (event, ...args) => listeners.get(event)?.forEach((listener) => listener(...args));
      const icon =
        "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHZpZXdCb3g9IjAgMCAxNiAxNiI+PHJlY3Qgd2lkdGg9IjE2IiBoZWlnaHQ9IjE2IiBmaWxsPSIjMGIzZDkxIi8+PC9zdmc+";
      const detail = Object.freeze({
        info: {
          uuid: "6f1d6a4e-0e2e-4c1a-9d39-e2e000000001",
          name,
          icon,
          rdns: "org.govchain.e2e-wallet",
        },
        provider,
      });
      const announce = () => window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail }));
      window.addEventListener("eip6963:requestProvider", announce);
      announce();
    },
    { name: WALLET_NAME },
  );

  return {
    get address() {
      return account.address;
    },
    async useAccount(index: number) {
      account = mnemonicToAccount(LOCAL_TEST_MNEMONIC, { addressIndex: index });
      for (const page of context.pages()) {
        await page.evaluate(
          (address) =>
            (
              window as unknown as {
                __e2eWalletEmit?: (event: string, ...args: unknown[]) => void;
              }
            ).__e2eWalletEmit?.("accountsChanged", [address]),
          account.address,
        );
      }
    },
    rejectNext(method: string) {
      rejections.add(method);
    },
    prompts,
  };
}
