/**
 * An official's side of consent-based data sharing: the grants citizens gave the official's department
 * (ConsentGranted events for it, each read again from the registry for its state now), and recording an
 * access to the data under one of them with the department's request reference. The registry refuses an
 * access outside the grant (revoked, expired, another department, category or purpose) and the reason is
 * shown before any wallet prompt; each recorded access appears in the citizen's trail.
 */
import { label32 } from "@lib/hashing";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { usePublicClient, useReadContracts } from "wagmi";

import { config as appConfig } from "../../config";
import { shortHex } from "../../lib/format";
import { deploymentOf, deploymentTable } from "../../contracts";
import { TxStatus } from "../components/TxStatus";
import { useConsoleT } from "../i18n";
import { formatTime, labelText } from "../lib/format";
import { requireContract } from "../lib/platform";
import { departmentName } from "../roles/RoleBadges";
import type { Roles } from "../roles/useRoles";
import { useTransaction } from "../tx/useTransaction";

const registry = requireContract("ConsentRegistry");
const deployedBlock = BigInt(deploymentOf(deploymentTable, appConfig.chainId, "ConsentRegistry")?.deployedBlock ?? 0);

export function DataAccessPage({ roles }: { roles: Roles | undefined }) {
  const { t, language } = useConsoleT();
  const client = usePublicClient({ chainId: appConfig.chainId });
  const department = roles?.seat?.department;
  const granted = useQuery({
    queryKey: ["govchain", "consents-for", department?.id],
    enabled: client !== undefined && department !== undefined,
    refetchInterval: 10_000,
    queryFn: async () =>
      (
        await client!.getContractEvents({
          ...registry,
          eventName: "ConsentGranted",
          args: { departmentId: department!.id },
          fromBlock: deployedBlock,
        })
      )
        .map((log) => log.args.grantId!)
        .reverse(),
  });
  const ids = granted.data ?? [];
  const grants = useReadContracts({
    contracts: ids.map(
      (id) =>
        ({
          ...registry,
          chainId: appConfig.chainId,
          functionName: "getGrant",
          args: [id],
        }) as const,
    ),
    query: { enabled: ids.length > 0, refetchInterval: 5_000 },
  });
  const categoryIds = [...new Set((grants.data ?? []).flatMap((g) => (g.result === undefined ? [] : [g.result.category])))];
  const categoryReads = useReadContracts({
    contracts: categoryIds.map((id) => ({ ...registry, chainId: appConfig.chainId, functionName: "category", args: [id] }) as const),
    query: { enabled: categoryIds.length > 0, staleTime: 60_000 },
  });
  /** A category by its registered name (the identifier when the name cannot be read). */
  const categoryName = (id: `0x${string}`) => categoryReads.data?.[categoryIds.indexOf(id)]?.result?.name ?? labelText(id);
  const [chosen, setChosen] = useState<bigint | undefined>(undefined);
  const [reference, setReference] = useState("");
  const tx = useTransaction();
  // a bytes32 label: at most 31 bytes of UTF-8 (a Chinese character takes 3)
  const referenceBytes = new TextEncoder().encode(reference.trim()).length;
  const referenceOk = referenceBytes > 0 && referenceBytes <= 31;
  const now = Math.floor(Date.now() / 1000);

  if (roles === undefined) return <p role="status">{t("roles.loading")}</p>;
  if (department === undefined) return <p>{t("dataAccess.notOfficial")}</p>;
  const chosenGrant = grants.data?.[ids.findIndex((id) => id === chosen)]?.result;
  return (
    <section className="console-application">
      <h2>
        {t("dataAccess.heading", {
          department: departmentName(department, language),
        })}
      </h2>
      <p className="console-hint">{t("dataAccess.intro")}</p>
      {granted.data !== undefined && ids.length === 0 && <p>{t("dataAccess.none")}</p>}
      {ids.length > 0 && (
        <table className="console-table" data-testid="grants-for-department">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t("dataAccess.subject")}</th>
              <th scope="col">{t("consent.category")}</th>
              <th scope="col">{t("dataAccess.purpose")}</th>
              <th scope="col">{t("dataAccess.until")}</th>
              <th scope="col">{t("dataAccess.state")}</th>
              <th scope="col">{t("dataAccess.accesses")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("dataAccess.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {ids.map((id, index) => {
              const grant = grants.data?.[index]?.result;
              const state = grant === undefined ? undefined : grant.revokedAt > 0 ? "revoked" : grant.expiresAt <= now ? "expired" : "active";
              return (
                <tr key={id.toString()} data-grant={id.toString()} data-state={state}>
                  <td>{id.toString()}</td>
                  <td>
                    {grant === undefined ? (
                      "…"
                    ) : (
                      <code className="address" title={grant.subject}>
                        {shortHex(grant.subject)}
                      </code>
                    )}
                  </td>
                  <td>{grant === undefined ? "…" : categoryName(grant.category)}</td>
                  <td>{grant === undefined ? "…" : labelText(grant.purpose)}</td>
                  <td>{grant === undefined ? "…" : formatTime(grant.expiresAt, language)}</td>
                  <td>{state === undefined ? "…" : t(`dataAccess.states.${state}`)}</td>
                  <td className="tabular">{grant?.accessCount ?? "…"}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--secondary"
                      onClick={() => setChosen(id)}
                      aria-pressed={chosen === id}
                      data-testid={`choose-grant-${id}`}
                    >
                      {t("dataAccess.choose")}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {chosen !== undefined && chosenGrant !== undefined && (
        <section className="panel" aria-labelledby="record-access-heading">
          <h3 id="record-access-heading">{t("dataAccess.recordHeading", { id: chosen.toString() })}</h3>
          <p className="console-hint">
            {t("dataAccess.recordIntro", {
              category: categoryName(chosenGrant.category),
              purpose: labelText(chosenGrant.purpose),
            })}
          </p>
          <label className="console-field">
            {t("dataAccess.reference")}
            <input value={reference} onChange={(event) => setReference(event.target.value)} maxLength={31} data-testid="access-reference" />
          </label>
          {referenceBytes > 31 && <p role="status">{t("dataAccess.referenceTooLong")}</p>}
          <button
            type="button"
            className="button"
            disabled={!referenceOk || tx.busy}
            onClick={() =>
              void tx
                .send({
                  ...registry,
                  functionName: "recordAccess",
                  args: [chosen, chosenGrant.category, chosenGrant.purpose, label32(reference.trim())],
                })
                .then(() => grants.refetch())
            }
            data-testid="record-access"
          >
            {t("dataAccess.record")}
          </button>
          <TxStatus state={tx.state} />
        </section>
      )}
    </section>
  );
}
