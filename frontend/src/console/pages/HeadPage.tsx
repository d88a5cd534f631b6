/**
 * The department head's page: the department's officials (appoint through the access manager, whose
 * hook records the appointment in the directory; remove), and the department's treasury.
 */
import { officialRole } from "@lib/departments";
import { useState } from "react";
import { type Address, isAddress } from "viem";
import { useReadContract } from "wagmi";

import { config as appConfig } from "../../config";
import { TxStatus } from "../components/TxStatus";
import { useConsoleT } from "../i18n";
import { requireContract } from "../lib/platform";
import { departmentName } from "../roles/RoleBadges";
import type { Roles } from "../roles/useRoles";
import { useTransaction } from "../tx/useTransaction";

const manager = requireContract("GovchainAccessManager");
const directory = requireContract("DepartmentDirectory");

export function HeadPage({ roles }: { roles: Roles | undefined }) {
  const { t, language } = useConsoleT();
  const seat = roles?.seat;
  const departmentId = seat?.department.id ?? 0;
  const officials = useReadContract({
    ...directory,
    chainId: appConfig.chainId,
    functionName: "officialsOf",
    args: [departmentId, 0n, 200n],
    query: { enabled: seat?.head === true, refetchInterval: 5_000 },
  });
  const appoint = useTransaction();
  const remove = useTransaction();
  const treasury = useTransaction();
  const [candidate, setCandidate] = useState("");
  const [newTreasury, setNewTreasury] = useState("");

  if (roles === undefined) return <p role="status">{t("roles.loading")}</p>;
  if (seat === undefined || !seat.head) return <p>{t("head.notHead")}</p>;
  const role = officialRole(departmentId);

  return (
    <section>
      <h2>{t("head.heading", { department: departmentName(seat.department, language) })}</h2>
      <p className="console-hint">{t("head.intro")}</p>
      <h3>{t("head.officials")}</h3>
      {officials.data !== undefined && officials.data.length === 0 && <p>{t("head.noOfficials")}</p>}
      <ul className="console-documents" data-testid="officials">
        {(officials.data ?? []).map((official) => (
          <li key={official} className="console-document">
            <code className="address">{official}</code>
            <button
              type="button"
              className="button button--secondary"
              disabled={remove.busy}
              onClick={() => void remove.send({ ...manager, functionName: "revokeRole", args: [role, official] }).then(() => officials.refetch())}
            >
              {t("head.remove")}
            </button>
          </li>
        ))}
      </ul>
      <TxStatus state={remove.state} />
      <div className="panel">
        <label className="console-field">
          {t("head.appointLabel")}
          <input value={candidate} onChange={(event) => setCandidate(event.target.value.trim())} placeholder="0x…" data-testid="appoint-address" />
        </label>
        <button
          type="button"
          className="button"
          disabled={!isAddress(candidate) || appoint.busy}
          onClick={() => void appoint.send({ ...manager, functionName: "grantRole", args: [role, candidate as Address, 0] }).then(() => officials.refetch())}
          data-testid="appoint"
        >
          {t("head.appoint")}
        </button>
        <TxStatus state={appoint.state} />
      </div>
      <h3>{t("head.treasury")}</h3>
      <p>
        {t("head.currentTreasury")}: <code className="address">{seat.department.treasury}</code>
      </p>
      <div className="panel">
        <label className="console-field">
          {t("head.newTreasury")}
          <input value={newTreasury} onChange={(event) => setNewTreasury(event.target.value.trim())} placeholder="0x…" />
        </label>
        <button
          type="button"
          className="button"
          disabled={!isAddress(newTreasury) || treasury.busy}
          onClick={() => void treasury.send({ ...directory, functionName: "setTreasury", args: [departmentId, newTreasury as Address] })}
        >
          {t("head.setTreasury")}
        </button>
        <TxStatus state={treasury.state} />
      </div>
    </section>
  );
}
