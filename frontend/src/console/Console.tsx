/**
 * The officials' console: its own wagmi config (wallets) inside the public app's providers, the wallet
 * and role panel, and the pages each role may use.
 */
import "./console.css";

import { NavLink, Route, Routes } from "react-router";
import { useConnection, WagmiProvider } from "wagmi";

import { consoleConfig } from "./consoleWagmi";
import { useConsoleT } from "./i18n";
import { ApplicantPage } from "./pages/licences/ApplicantPage";
import { ApplicationPage } from "./pages/licences/ApplicationPage";
import { LicenceInbox } from "./pages/licences/LicenceInbox";
import { AdminPage } from "./pages/AdminPage";
import { CertificatesPage } from "./pages/CertificatesPage";
import { ConsentPage } from "./pages/ConsentPage";
import { DataAccessPage } from "./pages/DataAccessPage";
import { GuardianPage } from "./pages/GuardianPage";
import { HeadPage } from "./pages/HeadPage";
import { TenderPage } from "./pages/tenders/TenderPage";
import { TendersPage } from "./pages/tenders/TendersPage";
import { RoleBadges } from "./roles/RoleBadges";
import { type Roles, useRoles } from "./roles/useRoles";
import { NetworkPrompt, WalletPanel } from "./wallet/WalletPanel";

export function Console() {
  return (
    <WagmiProvider config={consoleConfig} reconnectOnMount>
      <ConsoleLayout />
    </WagmiProvider>
  );
}

function ConsoleLayout() {
  const { t } = useConsoleT();
  const connection = useConnection();
  const { roles } = useRoles(connection.status === "connected" ? connection.address : undefined);
  const connected = connection.status === "connected";
  return (
    <div className="container page console">
      <h1>{t("title")}</h1>
      <p className="panel__lead">{t("intro")}</p>
      <WalletPanel />
      <NetworkPrompt />
      {connected && <RoleBadges roles={roles} />}
      {connected && <ConsoleNav roles={roles} />}
      <Routes>
        <Route index element={<Overview connected={connected} roles={roles} />} />
        <Route path="licences" element={<LicenceInbox roles={roles} />} />
        <Route path="licences/applications/:applicationId" element={<ApplicationPage roles={roles} />} />
        <Route path="applicant" element={<ApplicantPage />} />
        <Route path="guardian" element={<GuardianPage roles={roles} />} />
        <Route path="department" element={<HeadPage roles={roles} />} />
        <Route path="certificates" element={<CertificatesPage roles={roles} />} />
        <Route path="consent" element={<ConsentPage />} />
        <Route path="data-access" element={<DataAccessPage roles={roles} />} />
        <Route path="admin" element={<AdminPage roles={roles} />} />
        <Route path="tenders" element={<TendersPage roles={roles} />} />
        <Route path="tenders/:tenderId" element={<TenderPage roles={roles} />} />
      </Routes>
    </div>
  );
}

function sections(roles: Roles | undefined) {
  type Section =
    "nav.licenceInbox" | "nav.applicant" | "nav.guardian" | "nav.head" | "nav.certificates" | "nav.tenders" | "nav.consent" | "nav.dataAccess" | "nav.admin";
  const list: { to: string; key: Section }[] = [];
  if (roles?.admin === true) list.push({ to: "/console/admin", key: "nav.admin" });
  if (roles?.seat?.head === true) list.push({ to: "/console/department", key: "nav.head" });
  if (roles?.seat !== undefined) list.push({ to: "/console/licences", key: "nav.licenceInbox" });
  if (roles?.seat !== undefined) list.push({ to: "/console/certificates", key: "nav.certificates" });
  if (roles?.seat !== undefined) list.push({ to: "/console/data-access", key: "nav.dataAccess" });
  list.push({ to: "/console/tenders", key: "nav.tenders" });
  list.push({ to: "/console/applicant", key: "nav.applicant" });
  list.push({ to: "/console/consent", key: "nav.consent" });
  if (roles?.guardian === true || roles?.admin === true) list.push({ to: "/console/guardian", key: "nav.guardian" });
  return list;
}

function ConsoleNav({ roles }: { roles: Roles | undefined }) {
  const { t } = useConsoleT();
  return (
    <nav className="console-nav" aria-label={t("nav.label")}>
      <NavLink to="/console" end>
        {t("nav.overview")}
      </NavLink>
      {sections(roles).map((section) => (
        <NavLink key={section.to} to={section.to}>
          {t(section.key)}
        </NavLink>
      ))}
    </nav>
  );
}

function Overview({ connected, roles }: { connected: boolean; roles: Roles | undefined }) {
  const { t } = useConsoleT();
  if (!connected) return <p>{t("overview.connectFirst")}</p>;
  return (
    <section>
      <h2>{t("overview.sections")}</h2>
      <ul>
        {sections(roles).map((section) => (
          <li key={section.to}>
            <NavLink to={section.to}>{t(section.key)}</NavLink>
          </li>
        ))}
      </ul>
    </section>
  );
}
