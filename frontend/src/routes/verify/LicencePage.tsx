/**
 * A licence's public page (/licences/:id, also /verify/licence/:id): everything read from the chain in
 * the reader's browser — status, holder and subject, type, issuing department, each required
 * department's approval with its transaction, every later change — and a QR code back to this page.
 */
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";

import { ChainBanner } from "../../components/ChainBanner";
import { Notice } from "../../components/Notice";
import { DataTable } from "../../components/portal/DataTable";
import { BlockRef, ChainSourceNote, departmentName, FullHex, Loading, ReadError } from "../../components/verify/common";
import { LicenceQrCode } from "../../components/verify/LicenceQrCode";
import { useChainStatus } from "../../hooks/useChainStatus";
import { type LicenceRecord, LicenceNotFoundError, useLicence } from "../../hooks/verify/useLicence";
import { formatDateTime } from "../../lib/format";
import { subjectText } from "../../lib/verify/licence";
import { parseLicenceId } from "../../lib/verify/licenceLink";

export function Component() {
  const { t } = useTranslation();
  const status = useChainStatus();
  const { id: idText = "" } = useParams();
  const id = parseLicenceId(idText);
  const licence = useLicence(id);
  const scannedHost = (useLocation().state as { scannedHost?: string } | null)?.scannedHost;

  return (
    <div className="container page verify-page">
      <p className="verify-breadcrumb">
        <Link to="/verify/licence">{t("verify.licence.heading")}</Link>
      </p>
      <ChainBanner status={status} />
      {scannedHost !== undefined && (
        <Notice kind="warning" title={t("verify.licence.foreignHostTitle")}>
          <p>{t("verify.licence.foreignHost", { host: scannedHost })}</p>
        </Notice>
      )}
      {id === undefined ? (
        <>
          <h1>{t("verify.licence.page.malformedTitle")}</h1>
          <Notice kind="warning" title={t("verify.licence.errors.title")}>
            <p data-problem="malformedId">{t("verify.licence.page.malformed", { id: idText })}</p>
          </Notice>
        </>
      ) : licence.isPending ? (
        <>
          <h1>{t("verify.licence.page.loadingTitle")}</h1>
          <Loading>{t("verify.loading")}</Loading>
        </>
      ) : licence.isError ? (
        licence.error instanceof LicenceNotFoundError ? (
          <>
            <h1>{t("verify.licence.notFoundTitle")}</h1>
            <Notice kind="warning" title={t("verify.licence.notFoundTitle")}>
              <p data-problem="notFound">{t("verify.licence.page.notFound", { id: idText })}</p>
            </Notice>
          </>
        ) : (
          <>
            <h1>{t("verify.licence.page.loadingTitle")}</h1>
            <ReadError error={licence.error} />
          </>
        )
      ) : (
        <LicenceView licence={licence.data} />
      )}
    </div>
  );
}

const STATUS_KIND = {
  Valid: "ok",
  Expired: "warning",
  Suspended: "warning",
  Revoked: "bad",
  None: "bad",
} as const;

function LicenceView({ licence }: { licence: LicenceRecord }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "zh-CN";
  const subject = subjectText(licence.subjectId);
  return (
    <>
      <div>
        <h1>{t("verify.licence.page.heading", { number: licence.number })}</h1>
        <p className="verify-subtitle">{licence.type.name}</p>
      </div>
      <section className="panel verify-result" aria-labelledby="licence-status-heading" data-status={licence.status}>
        <h2 id="licence-status-heading" className="visually-hidden">
          {t("verify.licence.page.statusHeading")}
        </h2>
        <div className="licence-summary">
          <div className="licence-summary__main">
            <div className={`verdict verdict--${STATUS_KIND[licence.status]}`} role="status">
              <p className="verdict__title">{t(`verify.licence.page.status.${licence.status}.title`)}</p>
              <p className="verdict__body">
                {t(`verify.licence.page.status.${licence.status}.body`, {
                  validUntil: formatDateTime(licence.validUntil, language),
                })}
              </p>
            </div>
            <dl className="verify-details">
              <dt>{t("verify.licence.page.number")}</dt>
              <dd className="tabular">{licence.number}</dd>
              <dt>{t("verify.licence.page.type")}</dt>
              <dd>
                {licence.type.name} <span className="badge">{licence.type.code}</span>
              </dd>
              <dt>{t("verify.licence.page.subject")}</dt>
              <dd>
                {subject === licence.subjectId ? (
                  <FullHex value={subject} label={t("verify.licence.page.copySubject")} />
                ) : (
                  <span className="tabular">{subject}</span>
                )}
              </dd>
              <dt>{t("verify.licence.page.holder")}</dt>
              <dd>
                <FullHex value={licence.holder} label={t("verify.licence.page.copyHolder")} />
              </dd>
              <dt>{t("verify.licence.page.issuingDepartment")}</dt>
              <dd>
                {departmentName(licence.issuingDepartment, language)} <span className="badge">{licence.issuingDepartment.code}</span>
              </dd>
              <dt>{t("verify.licence.page.validity")}</dt>
              <dd className="tabular">
                {t("verify.licence.page.validityRange", {
                  from: formatDateTime(licence.validFrom, language),
                  until: formatDateTime(licence.validUntil, language),
                })}
              </dd>
            </dl>
          </div>
          <LicenceQrCode licenceId={licence.id} />
        </div>
      </section>

      <section className="panel" aria-labelledby="licence-approvals-heading">
        <h2 id="licence-approvals-heading">{t("verify.licence.page.approvalsHeading")}</h2>
        <p className="panel__lead">
          {t("verify.licence.page.approvalsIntro", {
            application: licence.applicationId.toString(),
          })}
        </p>
        <DataTable
          className="verify-table"
          caption={t("verify.licence.page.approvalsHeading")}
          rows={licence.approvals}
          rowKey={(approval) => String(approval.departmentId)}
          rowAttributes={(approval) => ({ "data-approved": approval.approved })}
          columns={[
            {
              key: "department",
              header: t("verify.licence.page.columns.department"),
              rowHeader: true,
              cell: (approval) => departmentName(approval.department, language),
            },
            {
              key: "result",
              header: t("verify.licence.page.columns.result"),
              cell: (approval) => (
                <span className={`verify-outcome verify-outcome--${approval.approved ? "passed" : "failed"}`}>
                  {approval.approved
                    ? approval.event?.bySignature
                      ? t("verify.licence.page.approvedBySignature")
                      : t("verify.licence.page.approved")
                    : t("verify.licence.page.notApproved")}
                </span>
              ),
            },
            {
              key: "official",
              header: t("verify.licence.page.columns.official"),
              cell: (approval) => (approval.event === undefined ? "—" : <code className="verify-code">{approval.event.official}</code>),
            },
            {
              key: "transaction",
              header: t("verify.licence.page.columns.transaction"),
              cell: (approval) =>
                approval.event === undefined ? (
                  "—"
                ) : (
                  <>
                    <BlockRef blockNumber={approval.event.blockNumber} />
                    <br />
                    <code className="verify-code">{approval.event.transactionHash}</code>
                  </>
                ),
            },
          ]}
        />
      </section>

      <section className="panel" aria-labelledby="licence-history-heading">
        <h2 id="licence-history-heading">{t("verify.licence.page.historyHeading")}</h2>
        <ol className="verify-timeline">
          {licence.events.map((event) => (
            <li key={`${event.transactionHash}-${event.name}`}>
              <p className="verify-timeline__what">{t(`verify.licence.page.events.${event.name}`)}</p>
              <p className="verify-timeline__when">
                <BlockRef blockNumber={event.blockNumber} timestamp={event.timestamp} />
              </p>
              <code className="verify-code">{event.transactionHash}</code>
            </li>
          ))}
        </ol>
        <ChainSourceNote blockNumber={licence.asOf.blockNumber} timestamp={licence.asOf.timestamp} />
      </section>
    </>
  );
}
