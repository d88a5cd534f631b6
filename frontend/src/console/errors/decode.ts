/**
 * The one error decoder of the console. A revert's selector is looked up across every deployed ABI, not
 * only the called contract's: the access manager's calls revert with the directory's errors (its
 * appointment hooks), the escrow's with the token's, and so on.
 */
import {
  type Abi,
  type AbiFunction,
  BaseError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  type Hex,
  isHex,
  toFunctionSelector,
  UserRejectedRequestError,
} from "viem";

import { abis } from "../../contracts";

type AbiError = Extract<Abi[number], { type: "error" }>;

/** Every custom error of every deployed ABI, once per selector (the same error in two ABIs is one). */
export const DEPLOYED_ERRORS: readonly AbiError[] = (() => {
  const bySelector = new Map<Hex, AbiError>();
  for (const abi of Object.values(abis) as Abi[]) {
    for (const item of abi) {
      if (item.type !== "error") continue;
      // An error's selector is computed like a function's: keccak256 of its signature, first 4 bytes.
      const selector = toFunctionSelector({
        ...item,
        type: "function",
        outputs: [],
        stateMutability: "view",
      } as AbiFunction);
      if (!bySelector.has(selector)) bySelector.set(selector, item);
    }
  }
  return [...bySelector.values()];
})();

export type DecodedError =
  /** The user said no in the wallet: nothing was sent. */
  | { kind: "rejected" }
  /** A custom error of a platform contract, with its named arguments. */
  | {
      kind: "custom";
      name: string;
      args: Readonly<Record<string, unknown>>;
      selector: Hex;
    }
  /** `require(…, "reason")` / `revert("reason")`. */
  | { kind: "reason"; reason: string }
  /** A Solidity panic (overflow, division by zero, …). */
  | { kind: "panic"; code: bigint }
  /** Revert data that no deployed ABI knows. */
  | { kind: "unknown-revert"; data: Hex }
  /** The node or the wallet could not be reached, or answered something else. */
  | { kind: "other"; message: string };

function isUserRejection(error: unknown): boolean {
  if (error instanceof BaseError) {
    return error.walk((cause) => cause instanceof UserRejectedRequestError || (cause as { code?: unknown }).code === 4001) !== null;
  }
  return (error as { code?: unknown } | null)?.code === 4001;
}

/** The revert data carried anywhere in an error's chain of causes (viem puts it in `raw` or `data`). */
function revertData(error: unknown): Hex | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 12 && current !== null && typeof current === "object"; depth++) {
    const record = current as {
      raw?: unknown;
      data?: unknown;
      cause?: unknown;
    };
    if (isHex(record.raw) && record.raw.length >= 10) return record.raw;
    if (isHex(record.data) && record.data.length >= 10) return record.data;
    const nested = (record.data as { data?: unknown } | undefined)?.data;
    if (isHex(nested) && nested.length >= 10) return nested;
    current = record.cause;
  }
  return undefined;
}

/** Decodes raw revert data against every deployed ABI (plus Error(string) and Panic(uint256)). */
export function decodeRevertData(data: Hex): DecodedError {
  try {
    const decoded = decodeErrorResult({ abi: DEPLOYED_ERRORS, data });
    if (decoded.errorName === "Error") return { kind: "reason", reason: String(decoded.args?.[0] ?? "") };
    if (decoded.errorName === "Panic") return { kind: "panic", code: BigInt(decoded.args?.[0] as bigint) };
    const inputs = decoded.abiItem.type === "error" ? decoded.abiItem.inputs : [];
    const args = Object.fromEntries(inputs.map((input, i) => [input.name ?? String(i), decoded.args?.[i]]));
    return {
      kind: "custom",
      name: decoded.errorName,
      args,
      selector: data.slice(0, 10) as Hex,
    };
  } catch {
    return { kind: "unknown-revert", data };
  }
}

/** What went wrong, from anything a simulation, a wallet or a receipt threw. */
export function decodeError(error: unknown): DecodedError {
  if (isUserRejection(error)) return { kind: "rejected" };
  const data = revertData(error);
  if (data !== undefined) return decodeRevertData(data);
  if (error instanceof BaseError) {
    const reverted = error.walk((cause) => cause instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null;
    if (reverted?.reason !== undefined) return { kind: "reason", reason: reverted.reason };
    return { kind: "other", message: error.shortMessage };
  }
  return {
    kind: "other",
    message: error instanceof Error ? error.message : String(error),
  };
}
