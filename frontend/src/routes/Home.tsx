import { useTranslation } from "react-i18next";

import { ChainBanner } from "../components/ChainBanner";
import { ContractsTable } from "../components/ContractsTable";
import { StatusPanel } from "../components/StatusPanel";
import { useChainStatus } from "../hooks/useChainStatus";

const SERVICES = ["tenders", "certificates", "licences", "openData"] as const;

export function Home() {
  const { t } = useTranslation();
  const status = useChainStatus();
  return (
    <>
      <section className="hero" aria-labelledby="home-heading">
        <div className="container">
          <h1 id="home-heading">{t("home.heading")}</h1>
          <p>{t("home.intro")}</p>
        </div>
      </section>
      <div className="container page">
        <ChainBanner status={status} />
        <StatusPanel status={status} />
        <ContractsTable />
        <section className="panel" aria-labelledby="services-heading">
          <h2 id="services-heading">{t("home.servicesHeading")}</h2>
          <ul className="services">
            {SERVICES.map((service) => (
              <li key={service} className="service">
                <h3>{t(`home.services.${service}.title`)}</h3>
                <p>{t(`home.services.${service}.body`)}</p>
                <span className="badge">{t("home.comingSoon")}</span>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
