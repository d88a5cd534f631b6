/**
 * One tender, with each fact's source said on the page: the on-chain record (state, money, winner, the
 * documents' digest) read by this browser from TenderEscrow; the documents fetched from the store and
 * checked here against that digest; everything else (bids, complaints, milestones, payments, the event
 * timeline, red flags) from the data service, which indexes the same chain events.
 */
import { parseTenderMetadata, type TenderMetadata } from "@lib/metadata.js";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";

import { useBidColumns, usePaymentColumns } from "../../components/portal/columns";
import { DataTable } from "../../components/portal/DataTable";
import { Panel } from "../../components/portal/Panel";
import { DocumentRow, VerdictBadge, VerifiedText } from "../../components/portal/DocumentCheck";
import { QueryError } from "../../components/portal/QueryError";
import { EmptyState, Skeleton } from "../../components/portal/Skeleton";
import { Source } from "../../components/portal/Source";
import { Account, Amount, DepartmentLink, Hash, StateBadge, Time, useLocale } from "../../components/portal/Values";
import { Notice } from "../../components/Notice";
import { config } from "../../config";
import { useDocument } from "../../hooks/useDocument";
import { useGovchainRead } from "../../hooks/useGovchainRead";
import { escrowAddress, useApi } from "../../hooks/usePortalData";
import { useNow } from "../../hooks/useNow";
import { formatInteger } from "../../lib/format";
import { isApiError, TENDER_STATES, type TenderDetail as Tender, type TenderState, type TimelineEvent } from "../../lib/portal/api";
import { formatBps, localized } from "../../lib/portal/format";
import { fetchOcdsPackage, type OcdsKind, saveFile } from "../../lib/portal/ocdsDownload";
import { RecordNotFound } from "../../components/portal/RecordNotFound";
import { PortalPage } from "./PortalPage";

const MILESTONE_STATES = ["pending", "delivered", "accepted"] as const;

/** The chain's TenderState enum, index 0 being None (no such tender). */
const chainState = (index: number | undefined): TenderState | undefined => (index === undefined || index === 0 ? undefined : TENDER_STATES[index - 1]);

export function Component() {
  const { id = "" } = useParams();
  const valid = /^[1-9][0-9]{0,30}$/.test(id);
  return valid ? <TenderPage id={id} /> : <RecordNotFound kind="tender" id={id} />;
}

function TenderPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const detail = useApi<Tender>(`/tenders/${id}`, { refetchInterval: 15_000 });
  const onChain = useGovchainRead({ contract: "TenderEscrow", functionName: "getTender", args: [BigInt(id)], watch: true });
  const chainRecord = onChain.data as
    | { state: number; budget: bigint; escrow: bigint; paid: bigint; winner: string; price: bigint; documentsDigest: string; bidCount: number; revealedCount: number; commitDeadline: number; revealDeadline: number }
    | undefined;

  // The digests of complaint texts, decisions, milestone descriptions and delivery reports, as the chain
  // records them: the documents are checked against these, never against the data service's copy.
  const complaintsRead = useGovchainRead({ contract: "TenderEscrow", functionName: "complaintsOf", args: [BigInt(id)], watch: true });
  const milestonesRead = useGovchainRead({ contract: "TenderEscrow", functionName: "milestonesOf", args: [BigInt(id)], watch: true });
  const chainComplaints: ChainDigests = {
    error: complaintsRead.isError,
    rows: (complaintsRead.data as { digest: string; resolutionDigest: string }[] | undefined)?.map((c) => [c.digest, c.resolutionDigest]),
  };
  const chainMilestones: ChainDigests = {
    error: milestonesRead.isError,
    rows: (milestonesRead.data as { descriptionDigest: string; deliveryDigest: string }[] | undefined)?.map((m) => [m.descriptionDigest, m.deliveryDigest]),
  };

  if (isApiError(detail.error, "not-found")) return <RecordNotFound kind="tender" id={id} />;
  const tender = detail.data?.data;
  const metadataDigest = chainRecord?.documentsDigest;
  const title = localized(tender?.title, locale) ?? t("portal.tenders.untitled", { id });

  return (
    <PortalPage title={tender === undefined && detail.isPending ? t("portal.tender.loadingTitle", { id }) : title}>
      <p className="breadcrumbs">
        <Link to="/tenders">{t("portal.tender.back")}</Link>
      </p>
      {tender !== undefined && (
        <p className="tender-heading-meta">
          <StateBadge state={tender.state} /> <span>{t("portal.tenders.number", { id })}</span> · <DepartmentLink id={tender.department} /> ·{" "}
          {t(`portal.categories.${tender.category}`, { defaultValue: tender.category })}
        </p>
      )}
      <SourcesNote />
      {detail.isError && <QueryError error={detail.error} what={t("portal.tender.what")} />}

      <ChainRecord id={id} record={chainRecord} error={onChain.isError} loading={onChain.isPending} serviceState={tender?.state} />

      <Panel id="documents-heading" heading={t("portal.tender.documents")} source="store" lead={t("portal.tender.documentsLead")}>
        <TenderDocuments digest={metadataDigest} chainError={onChain.isError} serviceDigest={tender?.documentsDigest} />
      </Panel>

      {tender === undefined ? (
        !detail.isError && <Skeleton lines={10} />
      ) : (
        <>
          <RedFlags tender={tender} />
          <Bids tender={tender} />
          <Complaints tender={tender} chain={chainComplaints} />
          <Milestones tender={tender} chain={chainMilestones} />
          <Payments tender={tender} />
          <Timeline tender={tender} />
          <OcdsDownloads id={id} />
        </>
      )}
    </PortalPage>
  );
}

function SourcesNote() {
  const { t } = useTranslation();
  return (
    <aside className="sources-note" aria-label={t("portal.tender.sourcesLabel")}>
      <p>
        <Source from="chain" /> {t("portal.tender.sourceChain")}
      </p>
      <p>
        <Source from="store" /> {t("portal.tender.sourceStore")}
      </p>
      <p>
        <Source from="service" /> {t("portal.tender.sourceService")}
      </p>
    </aside>
  );
}

function ChainRecord({
  id,
  record,
  error,
  loading,
  serviceState,
}: {
  id: string;
  record: { state: number; budget: bigint; escrow: bigint; paid: bigint; winner: string; price: bigint; documentsDigest: string; commitDeadline: number; revealDeadline: number } | undefined;
  error: boolean;
  loading: boolean;
  serviceState: TenderState | undefined;
}) {
  const { t } = useTranslation();
  const state = chainState(record?.state);
  const hasWinner = record !== undefined && !/^0x0{40}$/i.test(record.winner);
  return (
    <Panel
      id="chain-heading"
      heading={t("portal.tender.chainRecord")}
      source="chain"
      lead={t("portal.tender.chainLead", { contract: "TenderEscrow", address: escrowAddress() ?? "—", id })}
    >
      {error ? (
        <Notice kind="warning" title={t("portal.tender.chainUnavailableTitle")}>
          <p>{t("portal.tender.chainUnavailableBody")}</p>
        </Notice>
      ) : loading || record === undefined ? (
        <Skeleton lines={3} />
      ) : state === undefined ? (
        <Notice kind="warning" title={t("portal.tender.notOnChainTitle")}>
          <p>{t("portal.tender.notOnChainBody", { id })}</p>
        </Notice>
      ) : (
        <>
          <dl className="facts">
            <div>
              <dt>{t("portal.tender.state")}</dt>
              <dd>
                <StateBadge state={state} />
              </dd>
            </div>
            <div>
              <dt>{t("portal.tender.budget")}</dt>
              <dd>
                <Amount units={record.budget} />
              </dd>
            </div>
            <div>
              <dt>{t("portal.tender.escrow")}</dt>
              <dd>
                <Amount units={record.escrow} />
              </dd>
            </div>
            <div>
              <dt>{t("portal.tender.paid")}</dt>
              <dd>
                <Amount units={record.paid} />
              </dd>
            </div>
            <div>
              <dt>{t("portal.tender.commitDeadline")}</dt>
              <dd>
                <Time seconds={Number(record.commitDeadline)} />
              </dd>
            </div>
            <div>
              <dt>{t("portal.tender.revealDeadline")}</dt>
              <dd>
                <Time seconds={Number(record.revealDeadline)} />
              </dd>
            </div>
            {hasWinner && (
              <>
                <div>
                  <dt>{t("portal.tender.winner")}</dt>
                  <dd>
                    <Account address={record.winner} />
                  </dd>
                </div>
                <div>
                  <dt>{t("portal.tender.price")}</dt>
                  <dd>
                    <Amount units={record.price} />
                  </dd>
                </div>
              </>
            )}
            <div className="facts__wide">
              <dt>{t("portal.tender.documentsDigest")}</dt>
              <dd>
                <code className="hex hex--full">{record.documentsDigest}</code>
              </dd>
            </div>
          </dl>
          {serviceState !== undefined && serviceState !== state && (
            <p className="note">{t("portal.tender.serviceBehind", { service: t(`portal.states.${serviceState}`), chain: t(`portal.states.${state}`) })}</p>
          )}
        </>
      )}
    </Panel>
  );
}

function TenderDocuments({ digest, chainError, serviceDigest }: { digest: string | undefined; chainError: boolean; serviceDigest: string | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const metadataFile = useDocument(digest);
  if (digest === undefined) {
    return chainError ? (
      <Notice kind="warning" title={t("portal.documents.noChainTitle")}>
        <p>{t("portal.documents.noChainBody")}</p>
      </Notice>
    ) : (
      <Skeleton lines={2} />
    );
  }
  let metadata: TenderMetadata | undefined;
  let malformed = false;
  if (metadataFile.data?.status === "match") {
    try {
      metadata = parseTenderMetadata(metadataFile.data.bytes);
    } catch {
      malformed = true;
    }
  }
  return (
    <>
      <div className="metadata-check" data-digest={digest}>
        <p className="metadata-check__head">
          <span>{t("portal.documents.announcement")}</span> <VerdictBadge verdict={metadataFile.data} pending={metadataFile.isPending} />
        </p>
        <p className="document__digest">
          {t("portal.documents.chainDigest")} <Hash value={digest} />
        </p>
        {serviceDigest !== undefined && serviceDigest.toLowerCase() !== digest.toLowerCase() && <p className="note">{t("portal.documents.serviceDigestDiffers")}</p>}
      </div>
      {metadataFile.data !== undefined && metadataFile.data.status !== "match" && (
        <Notice kind={metadataFile.data.status === "mismatch" ? "alert" : "warning"} title={t(`portal.documents.announcementVerdict.${metadataFile.data.status}`)}>
          <p>{t(`portal.documents.announcementBody.${metadataFile.data.status}`)}</p>
        </Notice>
      )}
      {malformed && (
        <Notice kind="warning" title={t("portal.documents.malformedTitle")}>
          <p>{t("portal.documents.malformedBody")}</p>
        </Notice>
      )}
      {metadata !== undefined && (
        <div className="verified-metadata">
          <h3>{localized(metadata.title, locale)}</h3>
          <p>{localized(metadata.description, locale)}</p>
          {metadata.items.length > 0 && (
            <table className="data-table data-table--compact">
              <caption>{t("portal.tender.items")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("portal.tender.item")}</th>
                  <th scope="col" className="numeric">
                    {t("portal.tender.quantity")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {metadata.items.map((item, index) => (
                  <tr key={index}>
                    <th scope="row">{localized(item.description, locale)}</th>
                    <td className="numeric tabular">
                      {new Intl.NumberFormat(locale).format(item.quantity)} {localized(item.unit, locale)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>{t("portal.documents.files")}</h3>
          {metadata.documents.length === 0 ? (
            <p>{t("portal.documents.noFiles")}</p>
          ) : (
            <ul className="documents">
              {metadata.documents.map((document) => (
                <DocumentRow key={document.digest} name={document.name} digest={document.digest} mediaType={document.mediaType} />
              ))}
            </ul>
          )}
        </div>
      )}
    </>
  );
}

function RedFlags({ tender }: { tender: Tender }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (tender.redFlags === undefined) return null;
  return (
    <Panel id="flags-heading" heading={t("portal.flags.heading")} source="service" lead={t("portal.flags.lead")}>
      {tender.redFlags.length === 0 ? (
        <p>{t("portal.flags.none")}</p>
      ) : (
        <ul className="flags">
          {tender.redFlags.map((flag) => (
            <li key={flag.code} className="flag">
              <p className="flag__name">
                <span aria-hidden="true">⚑ </span>
                {localized(flag.name, locale)}
                {flag.cardinal !== null && <span className="flag__code">{t("portal.flags.cardinal", { code: flag.cardinal })}</span>}
              </p>
              <p>{localized(flag.reason, locale)}</p>
              {Object.keys(flag.figures).length > 0 && (
                <details className="flag__figures">
                  <summary>{t("portal.flags.figures")}</summary>
                  <dl>
                    {Object.entries(flag.figures).map(([name, value]) => (
                      <div key={name}>
                        <dt>
                          <code>{name}</code>
                        </dt>
                        <dd className="tabular">{Array.isArray(value) ? value.join(", ") : String(value)}</dd>
                      </div>
                    ))}
                  </dl>
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function Bids({ tender }: { tender: Tender }) {
  const { t } = useTranslation();
  const bidColumns = useBidColumns();
  const now = useNow(10_000);
  const revealOver = now >= tender.revealDeadline;
  return (
    <Panel id="bids-heading" heading={t("portal.bids.heading")} source="service" lead={revealOver ? t("portal.bids.leadRevealed") : t("portal.bids.leadSealed")}>
      {tender.bids.length === 0 ? (
        <EmptyState title={t("portal.bids.none")} />
      ) : (
        <DataTable
          caption={t("portal.bids.heading")}
          rows={tender.bids}
          rowKey={(bid) => bid.bidder}
          columns={[
            { key: "sequence", header: t("portal.bids.sequence"), cellClassName: "tabular", cell: (bid) => bid.sequence },
            { key: "bidder", header: t("portal.bids.bidder"), cell: (bid) => <Account address={bid.bidder} /> },
            bidColumns.committed,
            bidColumns.price,
            {
              key: "status",
              header: t("portal.bids.status"),
              cell: (bid) => {
                const won = tender.winner !== null && bid.bidder.toLowerCase() === tender.winner.toLowerCase();
                return bid.withdrawn
                  ? t("portal.bids.withdrawn")
                  : bid.passedOver
                    ? t("portal.bids.passedOver")
                    : won
                      ? <strong>{t("portal.bids.winner")}</strong>
                      : bid.revealed
                        ? t("portal.bids.revealed")
                        : revealOver
                          ? t("portal.bids.notRevealed")
                          : t("portal.bids.committedOnly");
              },
            },
          ]}
        />
      )}
      {tender.winner !== null && tender.price !== null && (
        <p className="award">
          {t("portal.bids.award")} <Account address={tender.winner} /> · <Amount units={tender.price} />
          {tender.awardedAt !== null && (
            <>
              {" · "}
              <Time seconds={tender.awardedAt} />
            </>
          )}
        </p>
      )}
    </Panel>
  );
}

/** Two digests per complaint or milestone, read from the chain (undefined while reading or when it cannot be read). */
interface ChainDigests {
  error: boolean;
  rows: [string, string][] | undefined;
}

/** The chain's digest at [row][column], or what to say instead. */
function chainDigest(chain: ChainDigests, row: number, column: 0 | 1): { digest: string | undefined; unreadable: boolean } {
  return { digest: chain.rows?.[row]?.[column], unreadable: chain.error };
}

function Complaints({ tender, chain }: { tender: Tender; chain: ChainDigests }) {
  const { t } = useTranslation();
  return (
    <Panel id="complaints-heading" heading={t("portal.complaints.heading")} source="service">
      {tender.complaints.length === 0 ? (
        <p>{t("portal.complaints.none")}</p>
      ) : (
        <ul className="complaints">
          {tender.complaints.map((complaint) => (
            <li key={complaint.complaintId} className="complaint">
              <p>
                <strong>{t("portal.complaints.number", { id: Number(complaint.complaintId) + 1 })}</strong> · {t("portal.complaints.by")} <Account address={complaint.by} /> ·{" "}
                <Time seconds={complaint.filedAt} />
              </p>
              <p>
                {t("portal.complaints.outcome")}{" "}
                <span className={`outcome outcome--${complaint.outcome}`}>{t(`portal.complaints.outcomes.${complaint.outcome}`, { defaultValue: complaint.outcome })}</span>
                {complaint.outcome === "pending" && (
                  <>
                    {" · "}
                    {t("portal.complaints.resolveBy")} <Time seconds={complaint.resolveBy} />
                  </>
                )}
              </p>
              <VerifiedText {...chainDigest(chain, Number(complaint.complaintId), 0)} label={t("portal.complaints.text")} />
              {complaint.outcome !== "pending" && complaint.outcome !== "lapsed" && (
                <VerifiedText {...chainDigest(chain, Number(complaint.complaintId), 1)} label={t("portal.complaints.resolution")} />
              )}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function Milestones({ tender, chain }: { tender: Tender; chain: ChainDigests }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Panel id="milestones-heading" heading={t("portal.milestones.heading")} source="service">
      {tender.milestones.length === 0 ? (
        <p>{t("portal.milestones.none")}</p>
      ) : (
        <ol className="milestones">
          {tender.milestones.map((milestone) => (
            <li key={milestone.index} className={`milestone milestone--${milestone.state}`} data-state={milestone.state}>
              <p className="milestone__head">
                <strong>{t("portal.milestones.number", { number: milestone.index + 1 })}</strong> · {formatBps(milestone.shareBps, locale)} ·{" "}
                <span className={`milestone-state milestone-state--${milestone.state}`}>
                  {MILESTONE_STATES.includes(milestone.state) ? t(`portal.milestones.states.${milestone.state}`) : milestone.state}
                </span>
              </p>
              <p className="milestone__facts">
                {milestone.deliveredAt !== null && (
                  <span>
                    {t("portal.milestones.delivered")} <Time seconds={milestone.deliveredAt} />
                  </span>
                )}
                {milestone.acceptedAt !== null && (
                  <span>
                    {t("portal.milestones.accepted")} <Time seconds={milestone.acceptedAt} />
                  </span>
                )}
                {milestone.paid !== "0" && (
                  <span>
                    {t("portal.milestones.paid")} <Amount units={milestone.paid} />
                  </span>
                )}
                {milestone.rejections > 0 && <span>{t("portal.milestones.rejections", { count: milestone.rejections })}</span>}
              </p>
              <VerifiedText {...chainDigest(chain, milestone.index, 0)} label={t("portal.milestones.description")} />
              {milestone.deliveryDigest !== null && <VerifiedText {...chainDigest(chain, milestone.index, 1)} label={t("portal.milestones.report")} />}
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}

function Payments({ tender }: { tender: Tender }) {
  const { t } = useTranslation();
  const paymentColumns = usePaymentColumns();
  return (
    <Panel id="payments-heading" heading={t("portal.payments.heading")} source="service" lead={t("portal.payments.lead")}>
      {tender.payments.length === 0 ? (
        <p>{t("portal.payments.none")}</p>
      ) : (
        <DataTable
          className="data-table payments-table"
          caption={t("portal.payments.heading")}
          rows={tender.payments}
          rowKey={(payment) => payment.id}
          rowAttributes={(payment) => ({ "data-reason": payment.reason })}
          columns={[paymentColumns.when, paymentColumns.reason, paymentColumns.account, paymentColumns.amount, paymentColumns.transaction]}
        />
      )}
    </Panel>
  );
}

function Timeline({ tender }: { tender: Tender }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Panel id="timeline-heading" heading={t("portal.timeline.heading")} source="service" lead={t("portal.timeline.lead", { count: tender.timeline.length })}>
      <ol className="timeline">
        {tender.timeline.map((event) => (
          <li key={`${event.blockNumber}-${event.logIndex}`} className="timeline__event" data-event={event.name}>
            <p className="timeline__name">
              {t(`portal.events.${event.name}`, { defaultValue: event.name })}
              <EventDetail event={event} />
            </p>
            <p className="timeline__meta">
              <Time seconds={event.blockTimestamp} /> · {t("portal.timeline.block", { block: formatInteger(BigInt(event.blockNumber), locale) })} · {t("portal.timeline.tx")}{" "}
              <Hash value={event.transactionHash} label={t("portal.timeline.tx")} />
            </p>
          </li>
        ))}
      </ol>
    </Panel>
  );
}

/** The few facts that make an event readable at a glance: who, how much, which milestone. */
function EventDetail({ event }: { event: TimelineEvent }) {
  const { t } = useTranslation();
  const args = event.args;
  const text = (name: string) => (typeof args[name] === "string" ? (args[name] as string) : undefined);
  const account = text("winner") ?? text("bidder") ?? text("account") ?? text("supplier") ?? text("by");
  const amount = text("price") ?? text("amount");
  const milestone = typeof args.milestone === "number" ? args.milestone : undefined;
  if (account === undefined && amount === undefined && milestone === undefined) return null;
  return (
    <span className="timeline__detail">
      {milestone !== undefined && <span>{t("portal.timeline.milestone", { number: milestone + 1 })}</span>}
      {account !== undefined && /^0x[0-9a-fA-F]{40}$/.test(account) && <Account address={account} />}
      {amount !== undefined && /^\d+$/.test(amount) && <Amount units={amount} />}
    </span>
  );
}

function OcdsDownloads({ id }: { id: string }) {
  const { t } = useTranslation();
  const escrow = escrowAddress();
  const download = useMutation({
    mutationFn: async (kind: OcdsKind) => {
      if (escrow === undefined) throw new Error("no TenderEscrow on this chain in the deployments file");
      const { json, fileName } = await fetchOcdsPackage(config.apiUrl, kind, { chainId: config.chainId, escrow, tenderId: id });
      saveFile(json, fileName);
      return fileName;
    },
  });
  return (
    <Panel id="ocds-heading" heading={t("portal.ocds.heading")} source="service" lead={t("portal.ocds.lead")}>
      <div className="button-row">
        <button type="button" className="button" onClick={() => download.mutate("releases")} disabled={download.isPending}>
          {t("portal.ocds.releases")}
        </button>
        <button type="button" className="button" onClick={() => download.mutate("record")} disabled={download.isPending}>
          {t("portal.ocds.record")}
        </button>
        <Link to="/open-data">{t("portal.ocds.about")}</Link>
      </div>
      <p role="status" className="ocds-status">
        {download.isSuccess ? t("portal.ocds.saved", { file: download.data }) : download.isError ? t("portal.ocds.failed", { message: download.error.message }) : ""}
      </p>
    </Panel>
  );
}
