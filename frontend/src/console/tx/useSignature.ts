/**
 * Off-chain signatures (EIP-712 approvals, document-upload messages) with the same states as a
 * transaction's wallet step: waiting for the wallet, signed, or cancelled when the user says no.
 */
import { useCallback, useState } from "react";
import type { Hex, TypedDataDefinition } from "viem";
import { useConfig } from "wagmi";
import { signMessage, signTypedData } from "wagmi/actions";

import { type DecodedError, decodeError } from "../errors/decode";

export type SignatureState =
  { status: "idle" } | { status: "wallet" } | { status: "signed"; signature: Hex } | { status: "cancelled" } | { status: "failed"; error: DecodedError };

export function useSignature() {
  const wagmiConfig = useConfig();
  const [state, setState] = useState<SignatureState>({ status: "idle" });

  const run = useCallback(async (sign: () => Promise<Hex>): Promise<Hex | undefined> => {
    setState({ status: "wallet" });
    try {
      const signature = await sign();
      setState({ status: "signed", signature });
      return signature;
    } catch (error) {
      const decoded = decodeError(error);
      setState(decoded.kind === "rejected" ? { status: "cancelled" } : { status: "failed", error: decoded });
      return undefined;
    }
  }, []);

  const signTyped = useCallback((data: TypedDataDefinition) => run(() => signTypedData(wagmiConfig, data as never)), [run, wagmiConfig]);
  const signText = useCallback((message: string) => run(() => signMessage(wagmiConfig, { message })), [run, wagmiConfig]);
  const reset = useCallback(() => setState({ status: "idle" }), []);
  return { state, signTyped, signText, reset, setState };
}
