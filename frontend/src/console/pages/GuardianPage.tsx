/** The guardian's view: each platform contract, open or paused (closed in the access manager), with the switch. */
import { useReadContracts } from "wagmi";

import { config as appConfig } from "../../config";
import { PUBLIC_FUNCTIONS } from "@lib/access";
import { TxStatus } from "../components/TxStatus";
import { useConsoleT } from "../i18n";
import { platformContract, requireContract } from "../lib/platform";
import type { Roles } from "../roles/useRoles";
import { useTransaction } from "../tx/useTransaction";
import { ScheduledOperations } from "./ScheduledOperations";

const manager = requireContract("GovchainAccessManager");
const PAUSABLE = (Object.keys(PUBLIC_FUNCTIONS) as (keyof typeof PUBLIC_FUNCTIONS)[]).flatMap((name) => {
  const contract = platformContract(name);
  return contract === undefined ? [] : [{ name, address: contract.address }];
});

export function GuardianPage({ roles }: { roles: Roles | undefined }) {
  const { t } = useConsoleT();
  const tx = useTransaction();
  const closed = useReadContracts({
    contracts: PAUSABLE.map(
      (c) =>
        ({
          ...manager,
          chainId: appConfig.chainId,
          functionName: "isTargetClosed",
          args: [c.address],
        }) as const,
    ),
    query: { refetchInterval: 4_000 },
  });
  const allowed = roles?.guardian === true || roles?.admin === true;
  return (
    <section>
      <h2>{t("guardian.heading")}</h2>
      <p className="console-hint">{t("guardian.intro")}</p>
      {!allowed && <p>{t("guardian.notGuardian")}</p>}
      <table className="console-table" data-testid="contracts-state">
        <thead>
          <tr>
            <th scope="col">{t("guardian.contract")}</th>
            <th scope="col">{t("guardian.state")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("guardian.pause")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {PAUSABLE.map((contract, index) => {
            const isClosed = closed.data?.[index]?.result;
            return (
              <tr key={contract.name} data-contract={contract.name}>
                <td>
                  {t(`guardian.contracts.${contract.name}`)}
                  <br />
                  <code className="address">{contract.address}</code>
                </td>
                <td>{isClosed === undefined ? "…" : isClosed ? t("guardian.closed") : t("guardian.open")}</td>
                <td>
                  {/* The guardian may close at once; reopening is the administrator's (time-locked where set). */}
                  {isClosed === false && allowed && (
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={tx.busy}
                      onClick={() => void tx.send({ ...manager, functionName: "setTargetClosed", args: [contract.address, true] }).then(() => closed.refetch())}
                    >
                      {t("guardian.pause")}
                    </button>
                  )}
                  {isClosed === true && roles?.admin === true && (
                    <button
                      type="button"
                      className="button"
                      disabled={tx.busy}
                      onClick={() =>
                        void tx.send({ ...manager, functionName: "setTargetClosed", args: [contract.address, false] }).then(() => closed.refetch())
                      }
                    >
                      {t("guardian.resume")}
                    </button>
                  )}
                  {isClosed === true && roles?.admin !== true && <span className="console-hint">{t("guardian.reopenByAdmin")}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <TxStatus state={tx.state} />
      <ScheduledOperations roles={roles} />
    </section>
  );
}
