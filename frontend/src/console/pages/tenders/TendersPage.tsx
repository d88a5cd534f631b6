/** Tenders: the latest ones from the escrow, and (for officials) publishing a new one. */
import { useState } from "react";
import { Link } from "react-router";
import { parseUnits } from "viem";
import { useConnection, useReadContract, useReadContracts } from "wagmi";

import { config as appConfig } from "../../../config";
import { TxStatus } from "../../components/TxStatus";
import { useConsoleT } from "../../i18n";
import { formatTime, labelText } from "../../lib/format";
import { departmentName } from "../../roles/RoleBadges";
import { type Roles, useDepartments } from "../../roles/useRoles";
import { useTransaction } from "../../tx/useTransaction";
import { PublishTender } from "./PublishTender";
import { escrow, TENDER_STATES, token, useMoney, useTokenDecimals } from "./useTender";

const SHOWN = 30;

export function TendersPage({ roles }: { roles: Roles | undefined }) {
  const { t, language } = useConsoleT();
  const money = useMoney();
  const { departments } = useDepartments();
  const count = useReadContract({ ...escrow, chainId: appConfig.chainId, functionName: "tenderCount", query: { refetchInterval: 5_000 } });
  const total = Number(count.data ?? 0n);
  const ids = Array.from({ length: Math.min(total, SHOWN) }, (_, i) => BigInt(total - i));
  const tenders = useReadContracts({
    contracts: ids.map((id) => ({ ...escrow, chainId: appConfig.chainId, functionName: "getTender", args: [id] }) as const),
    query: { enabled: ids.length > 0 },
  });
  return (
    <section className="console-application">
      <h2>{t("tenders.heading")}</h2>
      <Credits />
      {roles?.seat !== undefined && <PublishTender department={roles.seat.department} />}
      <p className="console-hint">{t("tenders.listSource", { count: Math.min(total, SHOWN), total })}</p>
      <table className="console-table" data-testid="tenders">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t("tenders.department")}</th>
            <th scope="col">{t("tenders.category")}</th>
            <th scope="col">{t("tenders.budget")}</th>
            <th scope="col">{t("tenders.commitDeadline")}</th>
            <th scope="col">{t("tenders.state")}</th>
          </tr>
        </thead>
        <tbody>
          {ids.map((id, i) => {
            const tender = tenders.data?.[i]?.result;
            const department = departments?.find((d) => d.id === tender?.department);
            return (
              <tr key={id.toString()} data-tender={id.toString()}>
                <td>
                  <Link to={`/console/tenders/${id}`}>{id.toString()}</Link>
                </td>
                <td>{department === undefined ? "…" : departmentName(department, language)}</td>
                <td>{tender === undefined ? "…" : labelText(tender.category)}</td>
                <td className="tabular">{tender === undefined ? "…" : money(tender.budget)}</td>
                <td>{tender === undefined ? "…" : formatTime(tender.commitDeadline, language)}</td>
                <td>{tender === undefined ? "…" : t(`tenders.states.${TENDER_STATES[tender.state]}`)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** The connected account's credits in the escrow (bonds, refunds, payments) and the withdrawal. */
function Credits() {
  const { t } = useConsoleT();
  const connection = useConnection();
  const money = useMoney();
  const tx = useTransaction();
  const credit = useReadContract({
    ...escrow,
    chainId: appConfig.chainId,
    functionName: "creditOf",
    args: [connection.address!],
    query: { enabled: connection.address !== undefined, refetchInterval: 4_000 },
  });
  return (
    <section className="panel" aria-labelledby="credits-heading">
      <h3 id="credits-heading">{t("tenders.creditsHeading")}</h3>
      <p data-testid="credit">
        {t("tenders.credit")}: <strong className="tabular">{credit.data === undefined ? "…" : money(credit.data)}</strong>
      </p>
      <p className="console-hint">{t("tenders.creditHint")}</p>
      <DepositBond onDone={() => void credit.refetch()} />
      <button
        type="button"
        className="button button--secondary"
        disabled={tx.busy || credit.data === 0n}
        onClick={() => void tx.send({ ...escrow, functionName: "withdraw", args: [] }).then(() => credit.refetch())}
        data-testid="withdraw-credits"
      >
        {t("tenders.withdraw")}
      </button>
      <TxStatus state={tx.state} />
    </section>
  );
}

function DepositBond({ onDone }: { onDone: () => void }) {
  const { t } = useConsoleT();
  const decimals = useTokenDecimals();
  const approve = useTransaction();
  const deposit = useTransaction();
  const [amount, setAmount] = useState("");
  const run = async () => {
    const value = parseUnits(amount, decimals);
    // The escrow pulls the deposit: the token allowance first, then the deposit.
    if ((await approve.send({ ...token, functionName: "approve", args: [escrow.address, value] })) === undefined) return;
    if ((await deposit.send({ ...escrow, functionName: "depositBond", args: [value] })) !== undefined) onDone();
  };
  return (
    <div className="console-actions">
      <label>
        {t("tenders.depositAmount")}{" "}
        <input value={amount} onChange={(event) => setAmount(event.target.value.trim())} inputMode="decimal" size={12} data-testid="deposit-amount" />
      </label>
      <button
        type="button"
        className="button"
        disabled={!/^\d+(\.\d+)?$/.test(amount) || approve.busy || deposit.busy}
        onClick={() => void run()}
        data-testid="deposit"
      >
        {t("tenders.deposit")}
      </button>
      <TxStatus state={approve.state.status === "confirmed" ? deposit.state : approve.state} />
    </div>
  );
}
