/**
 * A wallet's JSON-RPC answers for a key held in this process (viem local account): the accounts and
 * chain, `personal_sign`, `eth_signTypedData_v4` and `eth_sendTransaction` are answered here (signed
 * locally, sent raw), everything else goes to the chain's node. Used by the console's development
 * accounts (local chain only) and by the end-to-end tests' simulated wallet (frontend/e2e/wallet.ts).
 * Imports viem only, so Node runs it too.
 */
import { type Account, type Chain, createPublicClient, createWalletClient, type Hex, hexToBigInt, http, numberToHex, type TypedDataDefinition } from "viem";

export interface LocalSignerContext {
  readonly chain: Chain;
  readonly rpcUrl: string;
  /** The account that signs now (a wallet may change it: "accountsChanged"). */
  account(): Account;
}

/** EIP-1193's error shape: `code` is what dApps and wagmi look at (4001: rejected, 4902: unknown chain). */
export class ProviderRpcError extends Error {
  readonly code: number;
  // No parameter properties: Node runs this file by stripping types (the e2e wallet).
  constructor(code: number, message: string) {
    super(message);
    this.code = code;
    this.name = "ProviderRpcError";
  }
}

type TransactionRequest = {
  from?: Hex;
  to?: Hex;
  data?: Hex;
  value?: Hex;
  gas?: Hex;
  gasPrice?: Hex;
};

/** Answers one EIP-1193 request for the local account. */
export async function localSignerRequest(context: LocalSignerContext, method: string, params: readonly unknown[] = []): Promise<unknown> {
  const account = context.account();
  const transport = http(context.rpcUrl);
  switch (method) {
    case "eth_accounts":
    case "eth_requestAccounts":
      return [account.address];
    case "eth_chainId":
      return numberToHex(context.chain.id);
    case "wallet_switchEthereumChain": {
      const [{ chainId }] = params as [{ chainId: Hex }];
      if (Number(chainId) !== context.chain.id) throw new ProviderRpcError(4902, `this wallet knows only chain ${context.chain.id}`);
      return null;
    }
    case "wallet_addEthereumChain":
      return null;
    case "personal_sign": {
      const [message] = params as [Hex, Hex];
      return account.signMessage!({ message: { raw: message } });
    }
    case "eth_signTypedData_v4": {
      const [, json] = params as [Hex, string];
      return account.signTypedData!(reviveTypedData(JSON.parse(json) as TypedDataJson));
    }
    case "eth_sendTransaction": {
      const [request] = params as [TransactionRequest];
      const wallet = createWalletClient({
        account,
        chain: context.chain,
        transport,
      });
      // The node's gas price as a legacy transaction: govchain's chains run at a zero gas price, where
      // viem's default EIP-1559 tip (1 gwei) would exceed a zero fee cap.
      const gasPrice =
        request.gasPrice === undefined
          ? await createPublicClient({
              chain: context.chain,
              transport,
            }).getGasPrice()
          : hexToBigInt(request.gasPrice);
      return wallet.sendTransaction({
        type: "legacy",
        to: request.to,
        data: request.data,
        value: request.value === undefined ? undefined : hexToBigInt(request.value),
        gas: request.gas === undefined ? undefined : hexToBigInt(request.gas),
        gasPrice,
      });
    }
    default:
      return createPublicClient({ chain: context.chain, transport }).request({
        method,
        params,
      } as never);
  }
}

type TypedDataJson = {
  domain: Record<string, unknown>;
  types: Record<string, { name: string; type: string }[]>;
  primaryType: string;
  message: Record<string, unknown>;
};

/** JSON carries integers as strings or numbers: back to bigint where the type is an integer. */
function reviveTypedData(data: TypedDataJson): TypedDataDefinition {
  const revive = (type: string, value: unknown): unknown => {
    if (/^u?int\d*$/.test(type)) return BigInt(value as string);
    const struct = data.types[type];
    if (struct === undefined || value === null || typeof value !== "object") return value;
    return Object.fromEntries(struct.map((field) => [field.name, revive(field.type, (value as Record<string, unknown>)[field.name])]));
  };
  const { EIP712Domain: _, ...types } = data.types;
  return {
    domain: revive("EIP712Domain", data.domain) as TypedDataDefinition["domain"],
    types,
    primaryType: data.primaryType,
    message: revive(data.primaryType, data.message) as Record<string, unknown>,
  } as unknown as TypedDataDefinition;
}
