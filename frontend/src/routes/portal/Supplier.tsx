/** A supplier's page (any account): its bids, awards, payments received and related red flags (data service). */
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";

import { useBidColumns, usePaymentColumns, useTenderColumns } from "../../components/portal/columns";
import { DataTable } from "../../components/portal/DataTable";
import { FlagName, listSeparator } from "../../components/portal/Flags";
import { FactsPanel, Panel } from "../../components/portal/Panel";
import { Notice } from "../../components/Notice";
import { QueryError } from "../../components/portal/QueryError";
import { Skeleton } from "../../components/portal/Skeleton";
import { Amount, DepartmentLink, useLocale } from "../../components/portal/Values";
import { useApi } from "../../hooks/usePortalData";
import { isApiError, type SupplierDetail } from "../../lib/portal/api";
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
  const tenderColumns = useTenderColumns();
  const bidColumns = useBidColumns();
  const paymentColumns = usePaymentColumns();
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
          <FactsPanel
            id="supplier-figures"
            heading={t("portal.supplier.totalAwarded")}
            facts={[
              { key: "tenders", label: t("portal.supplier.tenders"), value: supplier.bids.length, className: "tabular" },
              { key: "awards", label: t("portal.supplier.awards"), value: supplier.awards.length, className: "tabular" },
              { key: "awarded", label: t("portal.supplier.totalAwarded"), value: <Amount units={awarded} /> },
              { key: "paid", label: t("portal.supplier.totalPaid"), value: <Amount units={received} /> },
            ]}
          />

          <Panel id="supplier-awards" heading={t("portal.supplier.awards")}>
            {supplier.awards.length === 0 ? (
              <p>{t("portal.supplier.noAwards")}</p>
            ) : (
              <DataTable
                rows={supplier.awards}
                rowKey={(award) => award.tenderId}
                columns={[
                  tenderColumns.title,
                  { key: "department", header: t("portal.tenders.columns.department"), cell: (award) => <DepartmentLink id={award.department} /> },
                  { key: "price", header: t("portal.tender.price"), numeric: true, cell: (award) => <Amount units={award.price} /> },
                  { key: "paid", header: t("portal.tender.paid"), numeric: true, cell: (award) => <Amount units={award.paid} /> },
                  tenderColumns.state,
                ]}
              />
            )}
          </Panel>

          <Panel id="supplier-bids" heading={t("portal.supplier.tenders")}>
            {supplier.bids.length === 0 ? (
              <p>{t("portal.supplier.noTenders")}</p>
            ) : (
              <DataTable
                rows={supplier.bids}
                rowKey={(bid) => bid.tenderId}
                columns={[
                  tenderColumns.title,
                  bidColumns.committed,
                  bidColumns.price,
                  {
                    key: "status",
                    header: t("portal.bids.status"),
                    cell: (bid) =>
                      bid.won
                        ? t("portal.bids.winner")
                        : bid.withdrawn
                          ? t("portal.bids.withdrawn")
                          : bid.passedOver
                            ? t("portal.bids.passedOver")
                            : bid.revealed
                              ? t("portal.bids.revealed")
                              : t("portal.bids.committedOnly"),
                  },
                ]}
              />
            )}
          </Panel>

          <Panel id="supplier-payments" heading={t("portal.supplier.payments")}>
            {supplier.payments.received.length === 0 ? (
              <p>{t("portal.supplier.noPayments")}</p>
            ) : (
              <DataTable
                rows={supplier.payments.received}
                rowKey={(payment) => `${payment.transactionHash}-${payment.reason}-${payment.tenderId}`}
                columns={[paymentColumns.when, paymentColumns.tender, paymentColumns.reason, paymentColumns.amount, paymentColumns.transaction]}
              />
            )}
          </Panel>

          <Panel id="supplier-flags" heading={t("portal.supplier.flags")} lead={t("portal.flags.lead")}>
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
          </Panel>
        </>
      )}
    </PortalPage>
  );
}
