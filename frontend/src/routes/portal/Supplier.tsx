/** A supplier's page (any account): its bids, awards, payments received and related red flags (data service). */
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";

import { FlagName, listSeparator } from "../../components/portal/Flags";
import { Notice } from "../../components/Notice";
import { QueryError } from "../../components/portal/QueryError";
import { Skeleton } from "../../components/portal/Skeleton";
import { Source } from "../../components/portal/Source";
import { Amount, DepartmentLink, Hash, StateBadge, Time, useLocale } from "../../components/portal/Values";
import { useApi } from "../../hooks/usePortalData";
import { isApiError, type SupplierDetail } from "../../lib/portal/api";
import { localized } from "../../lib/portal/format";
import { RecordNotFound } from "../../components/portal/RecordNotFound";
import { PortalPage } from "./PortalPage";

export function Component() {
  const { t } = useTranslation();
  const { address = "" } = useParams();
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) {
    return (
      <PortalPage title={t("portal.supplier.invalidTitle")}>
        <Notice kind="info" title={t("portal.supplier.invalidTitle")}>
          <p>{t("portal.supplier.invalidBody")}</p>
        </Notice>
      </PortalPage>
    );
  }
  return <SupplierPage address={address.toLowerCase()} />;
}

function SupplierPage({ address }: { address: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const query = useApi<SupplierDetail>(`/suppliers/${address}`);
  if (isApiError(query.error, "not-found")) return <RecordNotFound kind="supplier" id={address} />;
  const supplier = query.data?.data;
  const received = supplier?.payments.byReason["milestone payment"] ?? "0";
  const awarded = (supplier?.awards ?? []).reduce((sum, a) => sum + BigInt(a.price), 0n);

  return (
    <PortalPage
      title={
        <>
          {t("portal.supplier.heading")} 
          <code className="hex hex--full heading-address">{address}</code>
        </>
      }
      lead={t("portal.supplier.lead")}
    >
      {query.isError ? (
        <QueryError error={query.error} what={t("portal.supplier.what")} />
      ) : supplier === undefined ? (
        <Skeleton lines={8} />
      ) : (
        <>
          <section className="panel" aria-labelledby="supplier-figures">
            <h2 id="supplier-figures" className="visually-hidden">
              {t("portal.supplier.totalAwarded")}
            </h2>
            <p className="panel__sources">
              <Source from="service" />
            </p>
            <dl className="facts">
              <div>
                <dt>{t("portal.supplier.tenders")}</dt>
                <dd className="tabular">{supplier.bids.length}</dd>
              </div>
              <div>
                <dt>{t("portal.supplier.awards")}</dt>
                <dd className="tabular">{supplier.awards.length}</dd>
              </div>
              <div>
                <dt>{t("portal.supplier.totalAwarded")}</dt>
                <dd>
                  <Amount units={awarded} />
                </dd>
              </div>
              <div>
                <dt>{t("portal.supplier.totalPaid")}</dt>
                <dd>
                  <Amount units={received} />
                </dd>
              </div>
            </dl>
          </section>

          <section className="panel" aria-labelledby="supplier-awards">
            <h2 id="supplier-awards">{t("portal.supplier.awards")}</h2>
            {supplier.awards.length === 0 ? (
              <p>{t("portal.supplier.noAwards")}</p>
            ) : (
              <div className="table-scroll">
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("portal.tenders.columns.title")}</th>
                      <th scope="col">{t("portal.tenders.columns.department")}</th>
                      <th scope="col" className="numeric">
                        {t("portal.tender.price")}
                      </th>
                      <th scope="col" className="numeric">
                        {t("portal.tender.paid")}
                      </th>
                      <th scope="col">{t("portal.tenders.columns.state")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {supplier.awards.map((award) => (
                      <tr key={award.tenderId}>
                        <th scope="row">
                          <Link to={`/tenders/${award.tenderId}`}>{localized(award.title, locale) ?? t("portal.tenders.untitled", { id: award.tenderId })}</Link>
                        </th>
                        <td>
                          <DepartmentLink id={award.department} />
                        </td>
                        <td className="numeric">
                          <Amount units={award.price} />
                        </td>
                        <td className="numeric">
                          <Amount units={award.paid} />
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

          <section className="panel" aria-labelledby="supplier-bids">
            <h2 id="supplier-bids">{t("portal.supplier.tenders")}</h2>
            {supplier.bids.length === 0 ? (
              <p>{t("portal.supplier.noTenders")}</p>
            ) : (
              <div className="table-scroll">
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("portal.tenders.columns.title")}</th>
                      <th scope="col">{t("portal.bids.committed")}</th>
                      <th scope="col" className="numeric">
                        {t("portal.bids.price")}
                      </th>
                      <th scope="col">{t("portal.bids.status")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {supplier.bids.map((bid) => (
                      <tr key={bid.tenderId}>
                        <th scope="row">
                          <Link to={`/tenders/${bid.tenderId}`}>{localized(bid.title, locale) ?? t("portal.tenders.untitled", { id: bid.tenderId })}</Link>
                        </th>
                        <td>
                          <Time seconds={bid.committedAt} />
                        </td>
                        <td className="numeric">{bid.price !== null ? <Amount units={bid.price} /> : <span className="muted">{t("portal.bids.sealed")}</span>}</td>
                        <td>
                          {bid.won
                            ? t("portal.bids.winner")
                            : bid.withdrawn
                              ? t("portal.bids.withdrawn")
                              : bid.passedOver
                                ? t("portal.bids.passedOver")
                                : bid.revealed
                                  ? t("portal.bids.revealed")
                                  : t("portal.bids.committedOnly")}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section className="panel" aria-labelledby="supplier-payments">
            <h2 id="supplier-payments">{t("portal.supplier.payments")}</h2>
            {supplier.payments.received.length === 0 ? (
              <p>{t("portal.supplier.noPayments")}</p>
            ) : (
              <div className="table-scroll">
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("portal.payments.when")}</th>
                      <th scope="col">{t("portal.tenders.columns.title")}</th>
                      <th scope="col">{t("portal.payments.reason")}</th>
                      <th scope="col" className="numeric">
                        {t("portal.payments.amount")}
                      </th>
                      <th scope="col">{t("portal.timeline.txColumn")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {supplier.payments.received.map((payment) => (
                      <tr key={`${payment.transactionHash}-${payment.reason}-${payment.tenderId}`}>
                        <td>
                          <Time seconds={payment.blockTimestamp} />
                        </td>
                        <td>
                          <Link to={`/tenders/${payment.tenderId}`}>{t("portal.tenders.number", { id: payment.tenderId })}</Link>
                        </td>
                        <td>{t(`portal.payments.reasons.${payment.reason.replace(/ /g, "_")}`, { defaultValue: payment.reason })}</td>
                        <td className="numeric">
                          <Amount units={payment.amount} />
                        </td>
                        <td>
                          <Hash value={payment.transactionHash} label={t("portal.timeline.tx")} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section className="panel" aria-labelledby="supplier-flags">
            <h2 id="supplier-flags">{t("portal.supplier.flags")}</h2>
            <p className="panel__lead">{t("portal.flags.lead")}</p>
            {supplier.flags.length === 0 ? (
              <p>{t("portal.supplier.noFlags")}</p>
            ) : (
              <ul className="flag-codes">
                {supplier.flags.map((flag) => (
                  <li key={flag.tenderId}>
                    <Link to={`/tenders/${flag.tenderId}`}>{t("portal.tenders.number", { id: flag.tenderId })}</Link>{" "}
                    {flag.codes.map((code, index) => (
                      <span key={code}>
                        {index > 0 ? listSeparator(locale) : ""}
                        <span aria-hidden="true">⚑ </span>
                        <FlagName code={code} />
                      </span>
                    ))}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </PortalPage>
  );
}
