/**
 * The administrator's page: departments (register, rename, deactivate, reactivate, appoint a head), the
 * supervising department of tenders and the complaint resolution period; certificate and licence types and
 * data categories (AdminTypes). When the administrators'
 * execution delay is set, each action is scheduled through the access manager instead, and
 * ScheduledOperations lists it with its countdown until it may be executed.
 */
import { headRole } from "@lib/departments";
import { useState } from "react";
import { type Address, isAddress } from "viem";
import { useReadContract } from "wagmi";

import { config as appConfig } from "../../config";
import { TxStatus } from "../components/TxStatus";
import { useConsoleT } from "../i18n";
import { requireContract } from "../lib/platform";
import { departmentName } from "../roles/RoleBadges";
import { type Roles, useDepartments } from "../roles/useRoles";
import { useAdminAction } from "../tx/useAdminAction";
import { AdminTypes } from "./AdminTypes";
import { ScheduledOperations } from "./ScheduledOperations";

const manager = requireContract("GovchainAccessManager");
const directory = requireContract("DepartmentDirectory");
const escrow = requireContract("TenderEscrow");

export function AdminPage({ roles }: { roles: Roles | undefined }) {
  const { t, language } = useConsoleT();
  const { departments } = useDepartments();
  const delay = roles?.adminDelay;
  const action = useAdminAction(delay);
  const [code, setCode] = useState("");
  const [nameZh, setNameZh] = useState("");
  const [nameEn, setNameEn] = useState("");
  const [headFor, setHeadFor] = useState<Record<number, string>>({});
  const supervising = useReadContract({ ...escrow, chainId: appConfig.chainId, functionName: "supervisingDepartment", query: { refetchInterval: 5_000 } });
  const period = useReadContract({ ...escrow, chainId: appConfig.chainId, functionName: "complaintResolutionPeriod", query: { refetchInterval: 5_000 } });
  const [periodDays, setPeriodDays] = useState("");

  if (roles === undefined) return <p role="status">{t("roles.loading")}</p>;
  if (!roles.admin) return <p>{t("admin.notAdmin")}</p>;
  return (
    <section className="console-application">
      <h2>{t("admin.heading")}</h2>
      <p className="console-hint">{delay !== undefined && delay > 0 ? t("admin.delayed", { seconds: delay }) : t("admin.immediate")}</p>
      <TxStatus state={action.state} />
      <table className="console-table" data-testid="departments">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t("admin.department")}</th>
            <th scope="col">{t("admin.head")}</th>
            <th scope="col">{t("admin.active")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("admin.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(departments ?? []).map((d) => (
            <tr key={d.id}>
              <td>{d.id}</td>
              <td>{departmentName(d, language)}</td>
              <td>
                <code className="address">{d.head}</code>
                <div className="console-actions">
                  <input
                    value={headFor[d.id] ?? ""}
                    onChange={(event) => setHeadFor({ ...headFor, [d.id]: event.target.value.trim() })}
                    placeholder="0x…"
                    aria-label={t("admin.newHead")}
                    size={20}
                  />
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={!isAddress(headFor[d.id] ?? "") || action.busy}
                    onClick={() => void action.send({ ...manager, functionName: "grantRole", args: [headRole(d.id), headFor[d.id] as Address, 0] })}
                  >
                    {t("admin.appointHead")}
                  </button>
                </div>
              </td>
              <td>{d.active ? t("common.yes") : t("common.no")}</td>
              <td>
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={action.busy}
                  onClick={() => void action.send({ ...directory, functionName: "setDepartmentActive", args: [d.id, !d.active] })}
                >
                  {d.active ? t("admin.deactivate") : t("admin.reactivate")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="panel" aria-labelledby="register-heading">
        <h3 id="register-heading">{t("admin.registerHeading")}</h3>
        <label className="console-field">
          {t("admin.code")}
          <input value={code} onChange={(event) => setCode(event.target.value.trim().toUpperCase())} maxLength={16} />
        </label>
        <label className="console-field">
          {t("admin.nameZh")}
          <input value={nameZh} onChange={(event) => setNameZh(event.target.value)} />
        </label>
        <label className="console-field">
          {t("admin.nameEn")}
          <input value={nameEn} onChange={(event) => setNameEn(event.target.value)} />
        </label>
        <button
          type="button"
          className="button"
          disabled={code === "" || nameZh.trim() === "" || nameEn.trim() === "" || action.busy}
          onClick={() => void action.send({ ...directory, functionName: "registerDepartment", args: [code, nameZh.trim(), nameEn.trim(), ""] })}
        >
          {t("admin.register")}
        </button>
      </section>
      <section className="panel" aria-labelledby="procurement-heading">
        <h3 id="procurement-heading">{t("admin.procurementHeading")}</h3>
        <label className="console-field">
          {t("admin.supervising")}
          <select
            value={supervising.data ?? 0}
            onChange={(event) => void action.send({ ...escrow, functionName: "setSupervisingDepartment", args: [Number(event.target.value)] })}
          >
            <option value={0}>—</option>
            {(departments ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {departmentName(d, language)}
              </option>
            ))}
          </select>
        </label>
        <p>{t("admin.currentPeriod", { days: period.data === undefined ? "…" : (Number(period.data) / 86_400).toFixed(1) })}</p>
        <div className="console-actions">
          <label>
            {t("admin.periodDays")} <input value={periodDays} onChange={(event) => setPeriodDays(event.target.value.trim())} inputMode="decimal" size={6} />
          </label>
          <button
            type="button"
            className="button button--secondary"
            disabled={!/^\d+(\.\d+)?$/.test(periodDays) || action.busy}
            onClick={() => void action.send({ ...escrow, functionName: "setComplaintResolutionPeriod", args: [Math.round(Number(periodDays) * 86_400)] })}
          >
            {t("admin.setPeriod")}
          </button>
        </div>
      </section>
      <AdminTypes departments={departments ?? []} delay={delay} />
      <ScheduledOperations roles={roles} />
    </section>
  );
}
