/** The applications waiting for the official's department (the registry's `pendingFor` inbox). */
import { Link } from "react-router";
import { useReadContract, useReadContracts } from "wagmi";

import { config as appConfig } from "../../../config";
import { useConsoleT } from "../../i18n";
import { formatTime, labelText } from "../../lib/format";
import { departmentName } from "../../roles/RoleBadges";
import { type Roles, useLicenceTypes } from "../../roles/useRoles";
import { ManageLicences } from "./ManageLicences";
import { registry } from "./useApplication";

export function LicenceInbox({ roles }: { roles: Roles | undefined }) {
  const { t, language } = useConsoleT();
  const department = roles?.seat?.department;
  const inbox = useReadContract({
    ...registry,
    chainId: appConfig.chainId,
    functionName: "pendingFor",
    args: [department?.id ?? 0, 0n, 200n],
    query: { enabled: department !== undefined, refetchInterval: 4_000 },
  });
  const ids = inbox.data?.[0] ?? [];
  const applications = useReadContracts({
    contracts: ids.map(
      (id) =>
        ({
          ...registry,
          chainId: appConfig.chainId,
          functionName: "getApplication",
          args: [id],
        }) as const,
    ),
    query: { enabled: ids.length > 0 },
  });
  const { types } = useLicenceTypes();

  if (roles === undefined) return <p role="status">{t("roles.loading")}</p>;
  if (department === undefined) return <p>{t("licences.notOfficial")}</p>;
  return (
    <section>
      <h2>{t("licences.inboxHeading")}</h2>
      <p className="console-hint">
        {t("licences.inboxIntro", {
          department: departmentName(department, language),
        })}
      </p>
      {inbox.data !== undefined && ids.length === 0 && <p>{t("licences.empty")}</p>}
      {ids.length > 0 && (
        <table className="console-table" data-testid="licence-inbox">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t("licences.type")}</th>
              <th scope="col">{t("licences.subject")}</th>
              <th scope="col">{t("licences.submittedAt")}</th>
              <th scope="col">{t("licences.round")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("licences.open")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {ids.map((id, index) => {
              const application = applications.data?.[index]?.result;
              const type = types?.find((x) => x.id === application?.typeId);
              return (
                <tr key={id.toString()} data-application={id.toString()}>
                  <td>{id.toString()}</td>
                  <td>
                    {type?.name ?? "…"}
                    {application?.renewal === true && ` · ${t("licences.renewal")}`}
                  </td>
                  <td>{application === undefined ? "…" : labelText(application.subjectId)}</td>
                  <td>{application === undefined ? "…" : formatTime(application.submittedAt, language)}</td>
                  <td>
                    {application === undefined
                      ? "…"
                      : application.round === 0
                        ? t("licences.firstRound")
                        : t("licences.amendedRound", { count: application.round })}
                  </td>
                  <td>
                    <Link to={`/console/licences/applications/${id}`}>{t("licences.open")}</Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <ManageLicences roles={roles} />
    </section>
  );
}
