/** A department's page: who runs it, the tenders it published, its awards, payments and red flags (data service). */
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";

import { FlagCodes } from "../../components/portal/Flags";
import { QueryError } from "../../components/portal/QueryError";
import { EmptyState, Skeleton } from "../../components/portal/Skeleton";
import { Source } from "../../components/portal/Source";
import { Account, Amount, StateBadge, Time, useLocale } from "../../components/portal/Values";
import { useApi } from "../../hooks/usePortalData";
import { type DepartmentDetail, isApiError, TENDER_STATES } from "../../lib/portal/api";
import { formatDate, localized } from "../../lib/portal/format";
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
          <section className="panel" aria-labelledby="department-facts">
            <h2 id="department-facts" className="visually-hidden">
              {name}
            </h2>
            <p className="panel__sources">
              <Source from="service" />
            </p>
            <dl className="facts">
              <div>
                <dt>{t("portal.department.code")}</dt>
                <dd>
                  <code>{department.code}</code> {!department.active && <span className="muted">{t("portal.department.inactive")}</span>}
                </dd>
              </div>
              <div>
                <dt>{t("portal.department.treasury")}</dt>
                <dd>
                  <Account address={department.treasury} link={false} />
                </dd>
              </div>
              <div>
                <dt>{t("portal.department.tenders")}</dt>
                <dd className="tabular">{department.tenders.total}</dd>
              </div>
              <div>
                <dt>{t("portal.department.awards")}</dt>
                <dd>
                  <Amount units={department.awards.total} />
                </dd>
              </div>
              <div>
                <dt>{t("portal.department.payments")}</dt>
                <dd>
                  <Amount units={department.payments.byReason["milestone payment"] ?? "0"} />
                </dd>
              </div>
              <div>
                <dt>{t("portal.department.flags")}</dt>
                <dd className="tabular">{department.flags.flaggedTenders}</dd>
              </div>
            </dl>
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
          </section>

          <section className="panel" aria-labelledby="department-states">
            <h2 id="department-states">{t("portal.department.tenders")}</h2>
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
          </section>

          <section className="panel" aria-labelledby="department-awards">
            <h2 id="department-awards">{t("portal.supplier.awards")}</h2>
            {department.awards.recent.length === 0 ? (
              <p>{t("portal.supplier.noAwards")}</p>
            ) : (
              <div className="table-scroll">
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("portal.tenders.columns.title")}</th>
                      <th scope="col">{t("portal.tender.winner")}</th>
                      <th scope="col" className="numeric">
                        {t("portal.tenders.columns.budget")}
                      </th>
                      <th scope="col" className="numeric">
                        {t("portal.tender.price")}
                      </th>
                      <th scope="col">{t("portal.tenders.columns.state")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {department.awards.recent.map((award) => (
                      <tr key={award.tenderId}>
                        <th scope="row">
                          <Link to={`/tenders/${award.tenderId}`}>{localized(award.title, locale) ?? t("portal.tenders.untitled", { id: award.tenderId })}</Link>
                        </th>
                        <td>
                          <Account address={award.winner} />
                        </td>
                        <td className="numeric">
                          <Amount units={award.budget} />
                        </td>
                        <td className="numeric">
                          <Amount units={award.price} />
                        </td>
                        <td>
                          <StateBadge state={award.state} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section className="panel" aria-labelledby="department-payments">
            <h2 id="department-payments">{t("portal.payments.heading")}</h2>
            {department.payments.recent.length === 0 ? (
              <p>{t("portal.payments.none")}</p>
            ) : (
              <div className="table-scroll">
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("portal.payments.when")}</th>
                      <th scope="col">{t("portal.tenders.columns.title")}</th>
                      <th scope="col">{t("portal.payments.reason")}</th>
                      <th scope="col">{t("portal.payments.account")}</th>
                      <th scope="col" className="numeric">
                        {t("portal.payments.amount")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {department.payments.recent.map((payment) => (
                      <tr key={payment.id}>
                        <td>
                          <Time seconds={payment.blockTimestamp} />
                        </td>
                        <td>
                          <Link to={`/tenders/${payment.tenderId}`}>{t("portal.tenders.number", { id: payment.tenderId })}</Link>
                        </td>
                        <td>{t(`portal.payments.reasons.${payment.reason.replace(/ /g, "_")}`, { defaultValue: payment.reason })}</td>
                        <td>
                          <Account address={payment.account} />
                        </td>
                        <td className="numeric">
                          <Amount units={payment.amount} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section className="panel" aria-labelledby="department-flags">
            <h2 id="department-flags">{t("portal.flags.heading")}</h2>
            <p className="panel__lead">{t("portal.flags.lead")}</p>
            {department.flags.flaggedTenders === 0 ? <p>{t("portal.department.noFlags")}</p> : <FlagCodes byCode={department.flags.byCode} />}
          </section>
        </>
      )}
    </PortalPage>
  );
}
