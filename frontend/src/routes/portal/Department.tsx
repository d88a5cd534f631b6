/** A department's page: who runs it, the tenders it published, its awards, payments and red flags (data service). */
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";

import { usePaymentColumns, useTenderColumns } from "../../components/portal/columns";
import { DataTable } from "../../components/portal/DataTable";
import { FlagCodes } from "../../components/portal/Flags";
import { FactsPanel, Panel } from "../../components/portal/Panel";
import { QueryError } from "../../components/portal/QueryError";
import { EmptyState, Skeleton } from "../../components/portal/Skeleton";
import { Account, Amount, StateBadge, useLocale } from "../../components/portal/Values";
import { useApi } from "../../hooks/usePortalData";
import { type DepartmentDetail, isApiError, TENDER_STATES } from "../../lib/portal/api";
import { formatDate } from "../../lib/portal/format";
import { RecordNotFound } from "../../components/portal/RecordNotFound";
import { PortalPage } from "./PortalPage";

export function Component() {
  const { idOrCode = "" } = useParams();
  const valid = /^([1-9][0-9]{0,9}|[A-Za-z][A-Za-z0-9_-]{0,31})$/.test(idOrCode);
  return valid ? <DepartmentPage idOrCode={idOrCode} /> : <RecordNotFound kind="department" id={idOrCode} />;
}

function DepartmentPage({ idOrCode }: { idOrCode: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const tenderColumns = useTenderColumns();
  const paymentColumns = usePaymentColumns();
  const query = useApi<DepartmentDetail>(`/departments/${encodeURIComponent(idOrCode)}`);
  if (isApiError(query.error, "not-found")) return <RecordNotFound kind="department" id={idOrCode} />;
  const department = query.data?.data;
  const name = department === undefined ? idOrCode : locale.startsWith("zh") ? department.nameZh : department.nameEn;

  return (
    <PortalPage title={name} lead={t("portal.department.lead")}>
      {query.isError ? (
        <QueryError error={query.error} what={t("portal.department.what")} />
      ) : department === undefined ? (
        <Skeleton lines={8} />
      ) : (
        <>
          <FactsPanel
            id="department-facts"
            heading={name}
            facts={[
              {
                key: "code",
                label: t("portal.department.code"),
                value: (
                  <>
                    <code>{department.code}</code> {!department.active && <span className="muted">{t("portal.department.inactive")}</span>}
                  </>
                ),
              },
              { key: "treasury", label: t("portal.department.treasury"), value: <Account address={department.treasury} link={false} /> },
              { key: "tenders", label: t("portal.department.tenders"), value: department.tenders.total, className: "tabular" },
              { key: "awards", label: t("portal.department.awards"), value: <Amount units={department.awards.total} /> },
              { key: "payments", label: t("portal.department.payments"), value: <Amount units={department.payments.byReason["milestone payment"] ?? "0"} /> },
              { key: "flags", label: t("portal.department.flags"), value: department.flags.flaggedTenders, className: "tabular" },
            ]}
          >
            <div className="members">
              {(["heads", "officials"] as const).map((role) => (
                <div key={role}>
                  <h3>{t(`portal.department.${role}`)}</h3>
                  <ul>
                    {department[role].map((member) => (
                      <li key={member.account}>
                        <Account address={member.account} link={false} /> <span className="muted">{t("portal.department.since", { date: formatDate(member.since, locale) })}</span>
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </div>
          </FactsPanel>

          <Panel id="department-states" heading={t("portal.department.tenders")}>
            {department.tenders.total === 0 ? (
              <EmptyState title={t("portal.department.noTenders")} />
            ) : (
              <ul className="state-counts">
                {TENDER_STATES.filter((state) => department.tenders.byState[state] > 0).map((state) => (
                  <li key={state}>
                    <Link to={`/tenders?state=${state}&department=${department.code}`}>
                      <StateBadge state={state} /> <span className="tabular">{department.tenders.byState[state]}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
            <p>
              <Link to={`/tenders?department=${department.code}`}>{t("portal.department.allTenders")}</Link>
            </p>
          </Panel>

          <Panel id="department-awards" heading={t("portal.supplier.awards")}>
            {department.awards.recent.length === 0 ? (
              <p>{t("portal.supplier.noAwards")}</p>
            ) : (
              <DataTable
                rows={department.awards.recent}
                rowKey={(award) => award.tenderId}
                columns={[
                  tenderColumns.title,
                  { key: "winner", header: t("portal.tender.winner"), cell: (award) => <Account address={award.winner} /> },
                  { key: "budget", header: t("portal.tenders.columns.budget"), numeric: true, cell: (award) => <Amount units={award.budget} /> },
                  { key: "price", header: t("portal.tender.price"), numeric: true, cell: (award) => <Amount units={award.price} /> },
                  tenderColumns.state,
                ]}
              />
            )}
          </Panel>

          <Panel id="department-payments" heading={t("portal.payments.heading")}>
            {department.payments.recent.length === 0 ? (
              <p>{t("portal.payments.none")}</p>
            ) : (
              <DataTable
                rows={department.payments.recent}
                rowKey={(payment) => payment.id}
                columns={[paymentColumns.when, paymentColumns.tender, paymentColumns.reason, paymentColumns.account, paymentColumns.amount]}
              />
            )}
          </Panel>

          <Panel id="department-flags" heading={t("portal.flags.heading")} lead={t("portal.flags.lead")}>
            {department.flags.flaggedTenders === 0 ? <p>{t("portal.department.noFlags")}</p> : <FlagCodes byCode={department.flags.byCode} />}
          </Panel>
        </>
      )}
    </PortalPage>
  );
}
