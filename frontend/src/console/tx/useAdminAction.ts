import { type Abi, encodeFunctionData } from "viem";

import { requireContract } from "../lib/platform";
import { type ContractCall, useTransaction } from "./useTransaction";

const manager = requireContract("GovchainAccessManager");

/**
 * An administrator's call: sent directly when no execution delay applies, else scheduled through the access
 * manager (`schedule(target, data, 0)`), to be executed when due from the scheduled operations list.
 */
export function useAdminAction(delay: number | undefined) {
  const tx = useTransaction();
  const send = (call: ContractCall) => {
    if (delay === undefined || delay === 0) return tx.send(call);
    const data = encodeFunctionData({
      abi: call.abi as Abi,
      functionName: call.functionName,
      args: call.args ?? [],
    });
    return tx.send({
      ...manager,
      functionName: "schedule",
      args: [call.address, data, 0],
    });
  };
  return { ...tx, send };
}
