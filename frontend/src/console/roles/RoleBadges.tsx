/** The connected account's roles, as read from the chain. */
import type { Language } from "../../i18n";
import { useConsoleT } from "../i18n";
import type { Department, Roles } from "./useRoles";

export function departmentName(department: Pick<Department, "nameZh" | "nameEn" | "code">, language: Language): string {
  return `${language === "zh-CN" ? department.nameZh : department.nameEn} (${department.code})`;
}

export function RoleBadges({ roles }: { roles: Roles | undefined }) {
  const { t, language } = useConsoleT();
  if (roles === undefined) return <p role="status">{t("roles.loading")}</p>;
  const names: string[] = [];
  if (roles.admin) names.push(t("roles.admin"));
  if (roles.guardian) names.push(t("roles.guardian"));
  if (roles.seat !== undefined) {
    const department = departmentName(roles.seat.department, language);
    names.push(roles.seat.head ? t("roles.head", { department }) : t("roles.official", { department }));
  }
  for (const d of roles.treasuryOf) names.push(t("roles.treasury", { department: departmentName(d, language) }));
  if (roles.licences.length > 0)
    names.push(
      t("roles.supplier", {
        licences: roles.licences.map((l) => l.type.code).join(", "),
      }),
    );
  if (roles.applicant) names.push(t("roles.applicant"));
  names.push(t("roles.citizen"));
  return (
    <div className="console-roles">
      <h2>{t("roles.heading")}</h2>
      <ul className="console-roles__list" data-testid="roles">
        {names.map((name) => (
          <li key={name} className="badge">
            {name}
          </li>
        ))}
      </ul>
      <p className="console-hint">{t("roles.source")}</p>
    </div>
  );
}
