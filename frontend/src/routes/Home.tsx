/**
 * The portal's home: what the platform is, its live figures and benefit charts (from the data service,
 * which totals the chain's events), the ways to check a certificate or licence, and the chain's status
 * read by the browser.
 */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { BarChart } from "../components/portal/Chart";
import { PortalStatus } from "../components/portal/PortalStatus";
import { QueryError } from "../components/portal/QueryError";
import { Skeleton } from "../components/portal/Skeleton";
import { Source } from "../components/portal/Source";
import { useLocale } from "../components/portal/Values";
import { StatusPanel } from "../components/StatusPanel";
import { useChainStatus } from "../hooks/useChainStatus";
import { useLicenceTypeNames } from "../hooks/useLicenceTypes";
import { useApi, useDepartments, useEscrowBalance, usePaymentToken } from "../hooks/usePortalData";
import { formatInteger } from "../lib/format";
import type { StatsMetrics, StatsSummary } from "../lib/portal/api";
import { formatAmount, formatAmountCompact, formatBps, formatDuration, formatMonthTick, formatYuanCompact, localized, unitsToDecimalString } from "../lib/portal/format";

export function Home() {
  const { t } = useTranslation();
  const status = useChainStatus();
  return (
    <>
      <section className="hero" aria-labelledby="home-heading">
        <div className="container">
          <h1 id="home-heading">{t("portal.home.heading")}</h1>
          <p>{t("portal.home.intro")}</p>
          <p className="hero__actions">
            <Link className="button button--primary" to="/tenders">
              {t("portal.home.browseTenders")}
            </Link>
            <Link className="button button--light" to="/verify/certificate">
              {t("portal.nav.verifyCertificate")}
            </Link>
            <Link className="button button--light" to="/verify/licence">
              {t("portal.nav.verifyLicence")}
            </Link>
          </p>
        </div>
      </section>
      <div className="container page">
        <PortalStatus />
        <Figures />
        <Charts />
        <section className="panel" aria-labelledby="services-heading">
          <h2 id="services-heading">{t("portal.home.verifyHeading")}</h2>
          <ul className="services">
            <li className="service">
              <h3>
                <Link to="/verify/certificate">{t("portal.nav.verifyCertificate")}</Link>
              </h3>
              <p>{t("portal.home.verifyCertificateBody")}</p>
            </li>
            <li className="service">
              <h3>
                <Link to="/verify/licence">{t("portal.nav.verifyLicence")}</Link>
              </h3>
              <p>{t("portal.home.verifyLicenceBody")}</p>
            </li>
            <li className="service">
              <h3>
                <Link to="/open-data">{t("portal.nav.openData")}</Link>
              </h3>
              <p>{t("portal.home.openDataBody")}</p>
            </li>
          </ul>
        </section>
        <StatusPanel status={status} />
      </div>
    </>
  );
}

function Figure({ label, value, note }: { label: string; value: React.ReactNode; note?: React.ReactNode }) {
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd>
        <span className="figure__value">{value}</span>
        {note !== undefined && <span className="figure__note">{note}</span>}
      </dd>
    </div>
  );
}

function Figures() {
  const { t } = useTranslation();
  const locale = useLocale();
  const summary = useApi<StatsSummary>("/stats/summary", { refetchInterval: 15_000 });
  const stats = summary.data?.data;
  const escrowOnChain = useEscrowBalance();
  const chainToken = usePaymentToken();
  const decimals = stats?.token?.decimals ?? chainToken.decimals;
  const amount = (units: string) => (decimals === undefined ? t("portal.units", { units }) : formatAmountCompact(units, decimals, locale));
  const exact = (units: string | bigint) => (decimals === undefined ? undefined : formatAmount(units, decimals, locale));
  return (
    <section className="panel" aria-labelledby="figures-heading">
      <h2 id="figures-heading">
        {t("portal.home.figuresHeading")} <Source from="service" />
      </h2>
      <p className="panel__lead">{t("portal.home.figuresLead")}</p>
      {summary.isError && stats === undefined ? (
        <QueryError error={summary.error} what={t("portal.home.figuresHeading")} />
      ) : stats === undefined ? (
        <Skeleton lines={3} />
      ) : (
        <dl className="figures figures--six">
          <Figure label={t("portal.home.figures.openTenders")} value={<Link to="/tenders?state=Open">{formatInteger(stats.tenders.open, locale)}</Link>} />
          <Figure
            label={t("portal.home.figures.escrow")}
            value={<span title={exact(escrowOnChain ?? stats.valueInEscrow)}>{amount((escrowOnChain ?? stats.valueInEscrow).toString())}</span>}
            note={escrowOnChain !== undefined ? <Source from="chain" /> : undefined}
          />
          <Figure label={t("portal.home.figures.paid")} value={<span title={exact(stats.paidToSuppliers)}>{amount(stats.paidToSuppliers)}</span>} />
          <Figure label={t("portal.home.figures.licences")} value={formatInteger(stats.licences.issued, locale)} />
          <Figure label={t("portal.home.figures.certificates")} value={formatInteger(stats.certificates.anchored, locale)} />
          <Figure
            label={t("portal.home.figures.medianLicence")}
            value={stats.licenceProcessingTime === null ? t("portal.none") : formatDuration(stats.licenceProcessingTime.median, locale)}
          />
        </dl>
      )}
    </section>
  );
}

const yuan = (units: string, decimals: number) => Number(unitsToDecimalString(units, decimals));
const DAY = 86_400;

function Charts() {
  const { t } = useTranslation();
  const locale = useLocale();
  const metrics = useApi<StatsMetrics>("/stats/metrics", { staleTime: 60_000 });
  const { byId } = useDepartments();
  const data = metrics.data?.data;
  const chainToken = usePaymentToken();
  const decimals = data?.token?.decimals ?? chainToken.decimals;
  const typeNames = useLicenceTypeNames(data?.licenceProcessingTimes.byType.map((g) => g.key) ?? []);
  const departmentName = (id: number) => {
    const d = byId.get(id);
    return d === undefined ? `#${id}` : locale.startsWith("zh") ? d.nameZh : d.nameEn;
  };

  let body: React.ReactNode;
  if (metrics.isError && data === undefined) body = <QueryError error={metrics.error} what={t("portal.home.chartsHeading")} />;
  else if (data === undefined || decimals === undefined) body = <Skeleton lines={6} />;
  else {
    const money = (value: number) => formatYuanCompact(value, locale);
    const departments = data.procurementValue.byDepartment;
    const months = [...new Set(departments.flatMap((d) => d.byMonth.map((m) => m.month)))].sort();
    const days = (seconds: number) => formatDuration(seconds, locale);
    const total = data.savings.total;
    body =
      months.length === 0 && data.licenceProcessingTimes.byType.length === 0 ? (
        <p>{t("portal.home.noCharts")}</p>
      ) : (
        <div className="charts">
          {months.length > 0 && (
            <BarChart
              title={t("portal.home.procurementChart")}
              summary={t("portal.home.procurementSummary", { months: months.length, departments: departments.length, total: formatAmount(data.procurementValue.total, decimals, locale) })}
              groupHeader={t("portal.home.month")}
              stacked
              series={departments.map((d, index) => ({ label: departmentName(d.department), tone: index }))}
              groups={months.map((month) => ({
                label: formatMonthTick(month, locale),
                values: departments.map((d) => {
                  const entry = d.byMonth.find((m) => m.month === month);
                  return entry === undefined ? null : yuan(entry.total, decimals);
                }),
              }))}
              format={money}
            />
          )}
          {data.licenceProcessingTimes.byType.map((group) => {
            const name = localized(typeNames.get(group.key), locale) ?? t("portal.home.licenceType", { id: group.key });
            return (
              <BarChart
                key={group.key}
                title={t("portal.home.licenceChart", { type: name })}
                summary={t("portal.home.licenceSummary", { type: name, months: group.byMonth.length, median: days(group.overall.median), p90: days(group.overall.p90) })}
                groupHeader={t("portal.home.month")}
                series={[
                  { label: t("portal.home.median"), tone: 0 },
                  { label: t("portal.home.p90"), tone: 1 },
                ]}
                groups={group.byMonth.map((m) => ({ label: formatMonthTick(m.month, locale), values: [m.stats.median / DAY, m.stats.p90 / DAY] }))}
                format={(value) => days(value * DAY)}
              />
            );
          })}
          {data.savings.byDepartment.length > 0 && (
            <BarChart
              title={t("portal.home.savingsChart")}
              summary={t("portal.home.savingsSummary", {
                budget: formatAmount(total.budget, decimals, locale),
                awarded: formatAmount(total.awarded, decimals, locale),
                savings: formatAmount(total.savings, decimals, locale),
                share: formatBps(total.savingsBps, locale),
              })}
              groupHeader={t("portal.home.department")}
              series={[
                { label: t("portal.home.budget"), tone: 2 },
                { label: t("portal.home.awarded"), tone: 0 },
                { label: t("portal.home.savings"), tone: 3 },
              ]}
              groups={data.savings.byDepartment.map((line) => ({
                label: departmentName(line.department),
                values: [yuan(line.budget, decimals), yuan(line.awarded, decimals), yuan(line.savings, decimals)],
              }))}
              format={money}
            />
          )}
        </div>
      );
  }
  return (
    <section className="panel" aria-labelledby="charts-heading">
      <h2 id="charts-heading">
        {t("portal.home.chartsHeading")} <Source from="service" />
      </h2>
      <p className="panel__lead">{t("portal.home.chartsLead")}</p>
      {body}
    </section>
  );
}
