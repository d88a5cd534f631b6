/**
 * Time-locked operations of the access manager (OperationScheduled events): each with its target,
 * when it may run (a countdown), and whether it is still scheduled, executed or cancelled. The
 * administrator executes a due one; the guardian (or the administrator) cancels one.
 */
import { useQuery } from "@tanstack/react-query";
import { type Abi, decodeFunctionData, type Hex } from "viem";
import { usePublicClient, useReadContracts } from "wagmi";

import { config as appConfig } from "../../config";
import { abis, contractsOn, deploymentOf, deploymentTable } from "../../contracts";
import { useNow } from "../../hooks/useNow";
import { TxStatus } from "../components/TxStatus";
import { useConsoleT } from "../i18n";
import { formatTime } from "../lib/format";
import { requireContract } from "../lib/platform";
import type { Roles } from "../roles/useRoles";
import { useTransaction } from "../tx/useTransaction";

const manager = requireContract("GovchainAccessManager");
const deployedBlock = BigInt(deploymentOf(deploymentTable, appConfig.chainId, "GovchainAccessManager")?.deployedBlock ?? 0);

/** "CertificateRegistry.registerType" for a scheduled call of a platform contract; undefined for anything else. */
function describeCall(target: string, data: Hex): string | undefined {
  const contract = contractsOn(deploymentTable, appConfig.chainId)?.find((c) => c.address.toLowerCase() === target.toLowerCase());
  const abi = contract === undefined ? undefined : (abis as Record<string, Abi>)[contract.name];
  if (contract === undefined || abi === undefined) return undefined;
  try {
    return `${contract.name}.${decodeFunctionData({ abi, data }).functionName}`;
  } catch {
    return contract.name;
  }
}

export function ScheduledOperations({ roles }: { roles: Roles | undefined }) {
  const { t, language } = useConsoleT();
  const client = usePublicClient({ chainId: appConfig.chainId });
  const now = useNow(1_000);
  const tx = useTransaction();
  const scheduled = useQuery({
    queryKey: ["govchain", "scheduled-operations"],
    enabled: client !== undefined,
    refetchInterval: 5_000,
    queryFn: async () => (await client!.getContractEvents({ ...manager, eventName: "OperationScheduled", fromBlock: deployedBlock })).reverse(),
  });
  const schedules = useReadContracts({
    contracts: (scheduled.data ?? []).map(
      (log) => ({ ...manager, chainId: appConfig.chainId, functionName: "getSchedule", args: [log.args.operationId!] }) as const,
    ),
    query: { enabled: (scheduled.data?.length ?? 0) > 0, refetchInterval: 5_000 },
  });
  return (
    <section aria-labelledby="operations-heading" className="console-operations">
      <h3 id="operations-heading">{t("operations.heading")}</h3>
      <p className="console-hint">{t("operations.intro")}</p>
      {scheduled.data !== undefined && scheduled.data.length === 0 && <p>{t("operations.none")}</p>}
      {(scheduled.data ?? []).length > 0 && (
        <table className="console-table" data-testid="operations">
          <thead>
            <tr>
              <th scope="col">{t("operations.target")}</th>
              <th scope="col">{t("operations.when")}</th>
              <th scope="col">{t("operations.state")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("operations.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(scheduled.data ?? []).map((log, i) => {
              const at = Number(log.args.schedule);
              // getSchedule is 0 once the operation ran or was cancelled (or a newer nonce replaced it).
              const pending = Number(schedules.data?.[i]?.result ?? 0) === at && at > 0;
              const due = pending && now >= at;
              return (
                <tr key={`${log.args.operationId}-${log.args.nonce}`}>
                  <td>
                    {/* the contract and function by name; the raw address and selector for anything else */}
                    <code title={log.args.target}>{describeCall(log.args.target!, log.args.data as Hex) ?? log.args.target}</code>
                    <br />
                    <code className="console-digest">{(log.args.data as Hex).slice(0, 10)}</code>
                  </td>
                  <td>{formatTime(at, language)}</td>
                  <td>{!pending ? t("operations.done") : due ? t("operations.due") : t("operations.countdown", { seconds: Math.ceil(at - now) })}</td>
                  <td>
                    {due && roles?.admin === true && (
                      <button
                        type="button"
                        className="button"
                        disabled={tx.busy}
                        onClick={() => void tx.send({ ...manager, functionName: "execute", args: [log.args.target!, log.args.data!] })}
                      >
                        {t("operations.execute")}
                      </button>
                    )}
                    {pending && (roles?.guardian === true || roles?.admin === true) && (
                      <button
                        type="button"
                        className="button button--secondary"
                        disabled={tx.busy}
                        onClick={() => void tx.send({ ...manager, functionName: "cancel", args: [log.args.caller!, log.args.target!, log.args.data!] })}
                      >
                        {t("operations.cancel")}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <TxStatus state={tx.state} />
    </section>
  );
}
