import { useTranslation } from "react-i18next";
import { Link, NavLink } from "react-router";

import { Emblem } from "./Emblem";
import { LanguageSwitch } from "./LanguageSwitch";

export function Header() {
  const { t } = useTranslation();
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skipToContent")}
      </a>
      <div className="site-header__bar">
        <div className="container site-header__inner">
          <Link to="/" className="brand">
            <Emblem />
            <span className="brand__text">
              <span className="brand__name">{t("platform.name")}</span>
              <span className="brand__tagline">{t("platform.tagline")}</span>
            </span>
          </Link>
          <LanguageSwitch />
        </div>
      </div>
      <nav aria-label={t("nav.label")} className="site-nav">
        <div className="container">
          <ul>
            <li>
              <NavLink to="/" end>
                {t("nav.home")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/tenders">{t("portal.nav.tenders")}</NavLink>
            </li>
            <li>
              <NavLink to="/verify/certificate">{t("portal.nav.verifyCertificate")}</NavLink>
            </li>
            <li>
              <NavLink to="/verify/licence">{t("portal.nav.verifyLicence")}</NavLink>
            </li>
            <li>
              <NavLink to="/open-data">{t("portal.nav.openData")}</NavLink>
            </li>
            <li>
              <NavLink to="/console">{t("nav.console")}</NavLink>
            </li>
          </ul>
        </div>
      </nav>
    </header>
  );
}
