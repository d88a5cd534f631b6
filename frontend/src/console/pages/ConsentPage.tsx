/**
 * The data subject's page: grant a department access to a category of one's data for a purpose until a
 * date, revoke a grant, and read the trail of every recorded access (the registry's events).
 */
import { label32 } from "@lib/hashing";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useConnection, usePublicClient, useReadContract, useReadContracts } from "wagmi";

import { config as appConfig } from "../../config";
import { deploymentOf, deploymentTable } from "../../contracts";
import { TxStatus } from "../components/TxStatus";
import { useConsoleT } from "../i18n";
import { formatTime, labelText } from "../lib/format";
import { requireContract } from "../lib/platform";
import { departmentName } from "../roles/RoleBadges";
import { useDepartments } from "../roles/useRoles";
import { useTransaction } from "../tx/useTransaction";

const registry = requireContract("ConsentRegistry");
const deployedBlock = BigInt(deploymentOf(deploymentTable, appConfig.chainId, "ConsentRegistry")?.deployedBlock ?? 0);

export function ConsentPage() {
  const { t, language } = useConsoleT();
  const connection = useConnection();
  const client = usePublicClient({ chainId: appConfig.chainId });
  const { departments } = useDepartments();
  const grant = useTransaction();
  const revoke = useTransaction();
  const me = connection.address;
  const ids = useReadContract({
    ...registry,
    chainId: appConfig.chainId,
    functionName: "grantsOf",
    args: [me!, 0n, 200n],
    query: { enabled: me !== undefined, refetchInterval: 5_000 },
  });
  const grants = useReadContracts({
    contracts: (ids.data ?? []).map((id) => ({ ...registry, chainId: appConfig.chainId, functionName: "getGrant", args: [id] }) as const),
    query: { enabled: (ids.data?.length ?? 0) > 0, refetchInterval: 5_000 },
  });
  const categories = useQuery({
    queryKey: ["govchain", "consent-categories"],
    enabled: client !== undefined,
    queryFn: async () =>
      (await client!.getContractEvents({ ...registry, eventName: "CategoryRegistered", fromBlock: deployedBlock })).map((log) => ({
        id: log.args.category!,
        name: log.args.name!,
      })),
  });
  const trail = useQuery({
    queryKey: ["govchain", "consent-trail", me, grants.data?.map((g) => (g.result as { accessCount?: number } | undefined)?.accessCount).join(",")],
    enabled: client !== undefined && me !== undefined,
    queryFn: async () => client!.getContractEvents({ ...registry, eventName: "DataAccessed", args: { subject: me }, fromBlock: deployedBlock }),
  });
  const [department, setDepartment] = useState<number | undefined>(undefined);
  const [category, setCategory] = useState<string | undefined>(undefined);
  const [purpose, setPurpose] = useState("");
  const [until, setUntil] = useState(() => new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10));

  if (me === undefined) return <p>{t("error.noWallet")}</p>;
  const name = (id: number) => {
    const d = departments?.find((x) => x.id === id);
    return d === undefined ? `#${id}` : departmentName(d, language);
  };
  const chosenDepartment = department ?? departments?.[0]?.id;
  const chosenCategory = category ?? categories.data?.[0]?.id;
  let purposeLabel: `0x${string}` | undefined;
  try {
    purposeLabel = purpose.trim() === "" ? undefined : label32(purpose.trim());
  } catch {
    purposeLabel = undefined;
  }
  return (
    <section className="console-application">
      <h2>{t("consent.heading")}</h2>
      <p className="console-hint">{t("consent.intro")}</p>
      <section className="panel" aria-labelledby="grant-heading">
        <h3 id="grant-heading">{t("consent.grantHeading")}</h3>
        <label className="console-field">
          {t("consent.department")}
          <select value={chosenDepartment ?? ""} onChange={(event) => setDepartment(Number(event.target.value))} data-testid="consent-department">
            {(departments ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {departmentName(d, language)}
              </option>
            ))}
          </select>
        </label>
        <label className="console-field">
          {t("consent.category")}
          <select value={chosenCategory ?? ""} onChange={(event) => setCategory(event.target.value)} data-testid="consent-category">
            {(categories.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="console-field">
          {t("consent.purpose")}
          <input value={purpose} onChange={(event) => setPurpose(event.target.value)} data-testid="consent-purpose" />
        </label>
        <label className="console-field">
          {t("consent.until")}
          <input type="date" value={until} onChange={(event) => setUntil(event.target.value)} />
        </label>
        <button
          type="button"
          className="button"
          disabled={chosenDepartment === undefined || chosenCategory === undefined || purposeLabel === undefined || grant.busy}
          data-testid="consent-grant"
          onClick={() =>
            void grant
              .send({
                ...registry,
                functionName: "grant",
                args: [chosenDepartment, chosenCategory, purposeLabel, Math.floor(new Date(`${until}T23:59:59`).getTime() / 1000)],
              })
              .then(() => ids.refetch())
          }
        >
          {t("consent.grant")}
        </button>
        {purpose.trim() !== "" && purposeLabel === undefined && <p role="status">{t("dataAccess.referenceTooLong")}</p>}
        <TxStatus state={grant.state} />
      </section>
      <h3>{t("consent.grantsHeading")}</h3>
      {ids.data !== undefined && ids.data.length === 0 && <p>{t("consent.none")}</p>}
      {(ids.data ?? []).length > 0 && (
        <table className="console-table" data-testid="grants">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t("consent.department")}</th>
              <th scope="col">{t("consent.category")}</th>
              <th scope="col">{t("consent.purpose")}</th>
              <th scope="col">{t("consent.until")}</th>
              <th scope="col">{t("consent.accesses")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("consent.revoke")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(ids.data ?? []).map((id, i) => {
              const g = grants.data?.[i]?.result;
              const categoryName = categories.data?.find((c) => c.id === g?.category)?.name;
              return (
                <tr key={id.toString()} data-grant={id.toString()} data-accesses={g?.accessCount}>
                  <td>{id.toString()}</td>
                  <td>{g === undefined ? "…" : name(g.departmentId)}</td>
                  <td>{g === undefined ? "…" : (categoryName ?? labelText(g.category))}</td>
                  <td>{g === undefined ? "…" : labelText(g.purpose)}</td>
                  <td>
                    {g === undefined
                      ? "…"
                      : g.revokedAt > 0
                        ? t("consent.revokedAt", { time: formatTime(g.revokedAt, language) })
                        : formatTime(g.expiresAt, language)}
                  </td>
                  <td>{g?.accessCount ?? "…"}</td>
                  <td>
                    {g !== undefined && g.revokedAt === 0 && (
                      <button
                        type="button"
                        className="button button--secondary"
                        disabled={revoke.busy}
                        onClick={() => void revoke.send({ ...registry, functionName: "revoke", args: [id] }).then(() => grants.refetch())}
                      >
                        {t("consent.revoke")}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <TxStatus state={revoke.state} />
      <h3>{t("consent.trailHeading")}</h3>
      <p className="console-hint">{t("consent.trailSource")}</p>
      {trail.data !== undefined && trail.data.length === 0 && <p>{t("consent.noAccess")}</p>}
      {(trail.data ?? []).length > 0 && (
        <table className="console-table" data-testid="access-trail">
          <thead>
            <tr>
              <th scope="col">{t("consent.block")}</th>
              <th scope="col">#</th>
              <th scope="col">{t("consent.department")}</th>
              <th scope="col">{t("consent.official")}</th>
              <th scope="col">{t("consent.purpose")}</th>
              <th scope="col">{t("consent.requestRef")}</th>
            </tr>
          </thead>
          <tbody>
            {[...(trail.data ?? [])].reverse().map((log) => (
              <tr key={`${log.blockNumber}-${log.logIndex}`}>
                <td>{log.blockNumber.toString()}</td>
                <td>{log.args.grantId?.toString()}</td>
                <td>{name(Number(log.args.departmentId))}</td>
                <td>
                  <code className="address">{log.args.official}</code>
                </td>
                <td>{labelText(log.args.purpose!)}</td>
                <td>{labelText(log.args.requestRef!)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
