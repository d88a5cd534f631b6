/**
 * One tender and what the connected account may do in it: suppliers deposit, commit a sealed bid (salt
 * made here, kept in this browser and offered as a backup file before the commitment is sent), reveal
 * from the stored or a restored salt, complain, deliver milestones; the procuring department amends and
 * cancels; anyone awards after the reveal deadline and starts the contract after the complaint window;
 * the supervising department resolves complaints; the accepting department accepts or rejects deliveries.
 */
import i18next from "i18next";
import { documentDigest, type Hex } from "@lib/hashing";
import { encodeDocument, parseTenderMetadata, type TenderMetadata } from "@lib/metadata";
import { byAddress } from "@lib/tenders";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { type Address, parseUnits, zeroAddress } from "viem";
import { useConnection, usePublicClient, useReadContract } from "wagmi";

import { Notice } from "../../../components/Notice";
import { config as appConfig } from "../../../config";
import { useNow } from "../../../hooks/useNow";
import { DateTimeField } from "../../components/DateTimeField";
import { SignatureStatus, TxStatus } from "../../components/TxStatus";
import { useConsoleT } from "../../i18n";
import { DocumentRow } from "../licences/ApplicationPage";
import { documentUrl, useUploader } from "../../lib/documents";
import { downloadFile } from "../../lib/download";
import { formatTime, labelText, localInput, toUnix, ZERO_BYTES32 } from "../../lib/format";
import { departmentName } from "../../roles/RoleBadges";
import { type Roles, useDepartments } from "../../roles/useRoles";
import { useSignature } from "../../tx/useSignature";
import { useTransaction } from "../../tx/useTransaction";
import { backupText, newSealedBid, parseBackup, type SealedBid, storeBid, storedBid } from "./bidSalts";
import { escrow, MILESTONE_STATES, TENDER_STATES, useTender, useMoney, useTokenDecimals } from "./useTender";

const STATE = { open: 1, awarded: 2, disputed: 3, active: 4 } as const;

/** A category code in the reader's language, with the portal's names (the code itself when it has none). */
const categoryName = (code: string): string =>
  (i18next.t as unknown as (key: string, options: object) => string)(`portal.categories.${code}`, { defaultValue: code });

export function TenderPage({ roles }: { roles: Roles | undefined }) {
  const { t, language } = useConsoleT();
  const params = useParams();
  const tenderId = /^\d+$/.test(params.tenderId ?? "") ? BigInt(params.tenderId!) : undefined;
  const view = useTender(tenderId);
  const { departments } = useDepartments();
  const money = useMoney();
  const now = useNow(2_000);
  const connection = useConnection();
  const supervising = useReadContract({ ...escrow, chainId: appConfig.chainId, functionName: "supervisingDepartment" });
  // Held here, not in the panels: the tender view refreshes every few seconds and can move the tender on
  // (open → awarded) before the receipt arrives; the panel then stays to show the outcome.
  const awardTx = useTransaction();
  const startTx = useTransaction();
  const lapseTx = useTransaction();
  const terminateTx = useTransaction();
  const cancelTx = useTransaction();
  const complainTx = useTransaction();
  const resolveTx = useTransaction();

  if (tenderId === undefined || view.error !== undefined)
    return (
      <Notice kind="warning" title={t("tenders.unknown")}>
        {null}
      </Notice>
    );
  const { tender } = view;
  if (tender === undefined || departments === undefined) return <p role="status">{t("common.loading")}</p>;
  const name = (id: number) => {
    const d = departments.find((x) => x.id === id);
    return d === undefined ? `#${id}` : departmentName(d, language);
  };
  const seatId = roles?.seat?.department.id;
  const state = Number(tender.state);
  const me = connection.address;
  const canTerminate = (state === STATE.awarded || state === STATE.active) && (seatId === tender.department || (me !== undefined && me === tender.winner));
  return (
    <article className="console-application" data-testid="tender" data-state={TENDER_STATES[state]}>
      <h2>{t("tenders.tender", { id: tenderId.toString() })}</h2>
      <dl className="console-facts">
        <dt>{t("tenders.state")}</dt>
        <dd data-testid="tender-state">{t(`tenders.states.${TENDER_STATES[state]}`)}</dd>
        <dt>{t("tenders.department")}</dt>
        <dd>{name(tender.department)}</dd>
        <dt>{t("tenders.acceptingDepartment")}</dt>
        <dd>{name(tender.acceptingDepartment)}</dd>
        <dt>{t("tenders.category")}</dt>
        <dd>{categoryName(labelText(tender.category))}</dd>
        <dt>{t("tenders.budget")}</dt>
        <dd className="tabular">{money(tender.budget)}</dd>
        <dt>{t("tenders.bidBond")}</dt>
        <dd className="tabular">{money(tender.bidBond)}</dd>
        <dt>{t("tenders.commitDeadline")}</dt>
        <dd>{formatTime(tender.commitDeadline, language)}</dd>
        <dt>{t("tenders.revealDeadline")}</dt>
        <dd>{formatTime(tender.revealDeadline, language)}</dd>
        <dt>{t("tenders.bids")}</dt>
        <dd>{t("tenders.bidCounts", { live: tender.bidCount, revealed: tender.revealedCount })}</dd>
        {tender.winner !== zeroAddress && (
          <>
            <dt>{t("tenders.winner")}</dt>
            <dd>
              <code className="address">{tender.winner}</code> · {money(tender.price)}
            </dd>
          </>
        )}
      </dl>
      <p className="console-hint">{t("tenders.source")}</p>
      <ul className="console-documents">
        <DocumentRow digest={tender.documentsDigest} />
      </ul>

      {state === STATE.open && now < tender.revealDeadline && me !== undefined && (
        <SealedBidPanel tenderId={tenderId} bidder={me} commitDeadline={tender.commitDeadline} amendments={Number(tender.amendments)} onDone={view.refetch} />
      )}
      <SimpleAction
        tx={awardTx}
        available={state === STATE.open && now >= tender.revealDeadline && view.bidders !== undefined}
        label={t("tenders.award")}
        testId="award"
        call={{ ...escrow, functionName: "award", args: [tenderId, view.bidders?.ranking ?? []] }}
        onDone={view.refetch}
      />
      {state === STATE.open && seatId === tender.department && now < tender.commitDeadline && (
        <AmendPanel tenderId={tenderId} current={tender} onDone={view.refetch} />
      )}
      {state === STATE.open && seatId === tender.department && view.bidders !== undefined ? (
        <CancelPanel tenderId={tenderId} bidders={view.bidders.live} tx={cancelTx} onDone={view.refetch} />
      ) : (
        <Outcome tx={cancelTx} />
      )}
      {state === STATE.awarded && me !== undefined && me !== tender.winner ? (
        <ComplainPanel tenderId={tenderId} tx={complainTx} onDone={view.refetch} />
      ) : (
        <Outcome tx={complainTx} />
      )}
      <SimpleAction
        tx={startTx}
        available={state === STATE.awarded && now >= Number(tender.awardedAt) + Number(tender.complaintWindow)}
        label={t("tenders.startContract")}
        testId="start-contract"
        call={{ ...escrow, functionName: "startContract", args: [tenderId] }}
        onDone={view.refetch}
      />
      {state === STATE.disputed && seatId !== undefined && seatId === supervising.data && view.bidders !== undefined ? (
        <ResolvePanel tenderId={tenderId} ranking={view.bidders.ranking.filter((b) => b !== tender.winner)} tx={resolveTx} onDone={view.refetch} />
      ) : (
        <Outcome tx={resolveTx} />
      )}
      <SimpleAction
        tx={lapseTx}
        available={state === STATE.disputed && view.complaints?.some((c) => Number(c.outcome) === 0 && now >= Number(c.resolveBy)) === true}
        label={t("tenders.lapseComplaint")}
        testId="lapse-complaint"
        call={{ ...escrow, functionName: "lapseComplaint", args: [tenderId] }}
        onDone={view.refetch}
      />
      {(canTerminate || terminateTx.state.status !== "idle") && (
        <details className="panel" data-panel="terminate">
          <summary>{t("tenders.terminateHeading")}</summary>
          <p className="console-hint">{t("tenders.terminateIntro")}</p>
          <SimpleAction
            tx={terminateTx}
            available={canTerminate}
            label={t("tenders.terminate")}
            testId="propose-termination"
            call={{
              ...escrow,
              functionName: "proposeTermination",
              args: [tenderId],
            }}
            onDone={view.refetch}
          />
        </details>
      )}
      {view.milestones !== undefined && (
        <section>
          <h3>{t("tenders.milestones")}</h3>
          <table className="console-table" data-testid="milestones">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t("tenders.share")}</th>
                <th scope="col">{t("tenders.state")}</th>
                <th scope="col">{t("tenders.paid")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("tenders.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {view.milestones.map((milestone, index) => (
                <MilestoneRow
                  key={index}
                  tenderId={tenderId}
                  index={index}
                  milestone={milestone}
                  canDeliver={(state === STATE.active || state === STATE.awarded) && me === tender.winner}
                  canDecide={state === STATE.active && seatId !== undefined}
                  onDone={view.refetch}
                />
              ))}
            </tbody>
          </table>
        </section>
      )}
      <p>
        <Link to="/console/tenders">{t("common.back")}</Link>
      </p>
    </article>
  );
}

/**
 * One button and its transaction's status. Shown while the action is `available`, and after that for as long as
 * its transaction has something to say (the tender may have moved on before the receipt arrived).
 */
function SimpleAction({
  tx,
  available,
  label,
  testId,
  call,
  onDone,
}: {
  tx: ReturnType<typeof useTransaction>;
  available: boolean;
  label: string;
  testId: string;
  call: Parameters<ReturnType<typeof useTransaction>["send"]>[0];
  onDone: () => void;
}) {
  if (!available && tx.state.status === "idle") return null;
  return (
    <div className="panel" data-panel={testId}>
      {available && (
        <button
          type="button"
          className="button"
          disabled={tx.busy}
          onClick={() => void tx.send(call).then((r) => r !== undefined && onDone())}
          data-testid={testId}
        >
          {label}
        </button>
      )}
      <TxStatus state={tx.state} />
    </div>
  );
}

function SealedBidPanel({
  tenderId,
  bidder,
  commitDeadline,
  amendments,
  onDone,
}: {
  tenderId: bigint;
  bidder: Address;
  commitDeadline: number;
  amendments: number;
  onDone: () => void;
}) {
  const { t } = useConsoleT();
  const decimals = useTokenDecimals();
  const money = useMoney();
  const now = useNow(2_000);
  const client = usePublicClient({ chainId: appConfig.chainId });
  const commit = useTransaction();
  const reveal = useTransaction();
  const withdrawBid = useTransaction();
  const [price, setPrice] = useState("");
  const [restored, setRestored] = useState<SealedBid | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [backedUp, setBackedUp] = useState(false);
  const stored = storedBid(tenderId, bidder);
  const sealed = restored ?? stored;
  const bid = useReadContract({ ...escrow, chainId: appConfig.chainId, functionName: "bidOf", args: [tenderId, bidder], query: { refetchInterval: 4_000 } });

  const sendCommit = async () => {
    if (client === undefined) return;
    const draft = newSealedBid(tenderId, bidder, parseUnits(price, decimals));
    // The salt is saved here and handed over as a file before anything is sent: losing it forfeits the bond.
    storeBid(draft);
    downloadFile(`tender-${tenderId}-bid-salt.json`, backupText(draft));
    setBackedUp(true);
    const commitment = await client.readContract({ ...escrow, functionName: "commitmentOf", args: [tenderId, bidder, draft.price, draft.salt] });
    if ((await commit.send({ ...escrow, functionName: "commitBid", args: [tenderId, commitment] })) !== undefined) onDone();
  };
  const restore = async (file: File | undefined) => {
    if (file === undefined) return;
    try {
      const parsed = parseBackup(await file.text());
      if (parsed.tenderId !== tenderId || parsed.bidder.toLowerCase() !== bidder.toLowerCase()) throw new Error(t("tenders.backupOther"));
      setRestored(parsed);
      storeBid(parsed);
      setProblem(undefined);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  const committing = now < commitDeadline;
  return (
    <section className="panel" aria-labelledby="bid-heading" data-panel="bid">
      <h3 id="bid-heading">{t("tenders.bidHeading")}</h3>
      {bid.data !== undefined && bid.data.sequence > 0 && (
        <p data-testid="my-bid">
          {bid.data.revealed
            ? t("tenders.bidRevealed", {
                price: money(bid.data.price),
              })
            : t("tenders.bidSealed")}
        </p>
      )}
      {committing ? (
        <>
          <p className="console-hint">{t("tenders.commitHint")}</p>
          <label>
            {t("tenders.price")} <input value={price} onChange={(event) => setPrice(event.target.value.trim())} inputMode="decimal" data-testid="bid-price" />
          </label>{" "}
          <button
            type="button"
            className="button"
            disabled={!/^\d+(\.\d+)?$/.test(price) || commit.busy}
            onClick={() => void sendCommit()}
            data-testid="commit-bid"
          >
            {t("tenders.commit")}
          </button>
          {backedUp && <p className="console-hint">{t("tenders.backupOffered")}</p>}
          <TxStatus state={commit.state} />
          {/* a bid committed before an amendment may be withdrawn (its bond credited back) */}
          {bid.data !== undefined && bid.data.sequence > 0 && Number(bid.data.amendmentsSeen) < amendments && (
            <div className="console-actions">
              <p className="console-hint">{t("tenders.withdrawBidHint")}</p>
              <button
                type="button"
                className="button button--secondary"
                disabled={withdrawBid.busy}
                onClick={() =>
                  void withdrawBid
                    .send({
                      ...escrow,
                      functionName: "withdrawBid",
                      args: [tenderId],
                    })
                    .then((r) => r !== undefined && onDone())
                }
                data-testid="withdraw-bid"
              >
                {t("tenders.withdrawBid")}
              </button>
              <TxStatus state={withdrawBid.state} />
            </div>
          )}
        </>
      ) : (
        <>
          <p className="console-hint">
            {sealed === undefined
              ? t("tenders.noSalt")
              : t("tenders.saltFound", {
                  price: money(sealed.price),
                })}
          </p>
          <label className="console-field">
            {t("tenders.restore")}
            <input type="file" accept=".json,application/json" onChange={(event) => void restore(event.target.files?.[0])} data-testid="restore-salt" />
          </label>
          {problem !== undefined && (
            <p className="console-error__sentence" role="alert">
              {problem}
            </p>
          )}
          <button
            type="button"
            className="button"
            disabled={sealed === undefined || reveal.busy}
            onClick={() =>
              sealed !== undefined &&
              void reveal.send({ ...escrow, functionName: "revealBid", args: [tenderId, sealed.price, sealed.salt] }).then((r) => r !== undefined && onDone())
            }
            data-testid="reveal-bid"
          >
            {t("tenders.reveal")}
          </button>
          <TxStatus state={reveal.state} />
        </>
      )}
    </section>
  );
}

/** A text (complaint, decision, delivery report) uploaded to the document store; its digest. */
function useTextDocument() {
  const connection = useConnection();
  const signature = useSignature();
  const upload = useUploader(connection.address, signature.signText);
  return {
    signature,
    publish: async (text: string): Promise<Hex | undefined> => (text.trim() === "" ? ZERO_BYTES32 : upload(new TextEncoder().encode(text.trim()))),
    publishFile: async (file: File): Promise<Hex | undefined> => upload(new Uint8Array(await file.arrayBuffer())),
  };
}

/**
 * Amending an open tender before its commit deadline (an official of the procuring department): a note on
 * what changed, added to the tender's metadata (same format, uploaded to the document store; the chain
 * records the new digest), and deadlines that may only move later. Bids committed before may be withdrawn.
 */
function AmendPanel({
  tenderId,
  current,
  onDone,
}: {
  tenderId: bigint;
  current: {
    documentsDigest: Hex;
    commitDeadline: number;
    revealDeadline: number;
  };
  onDone: () => void;
}) {
  const { t } = useConsoleT();
  const tx = useTransaction();
  const connection = useConnection();
  const signature = useSignature();
  const upload = useUploader(connection.address, signature.signText);
  const [note, setNote] = useState("");
  const [commitBy, setCommitBy] = useState(() => localInput(new Date(current.commitDeadline * 1000)));
  const [revealBy, setRevealBy] = useState(() => localInput(new Date(current.revealDeadline * 1000)));
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const send = async () => {
    setProblem(undefined);
    const url = documentUrl(current.documentsDigest);
    let metadata: TenderMetadata;
    try {
      if (url === undefined) throw new Error(t("tenders.amendNoStore"));
      const response = await fetch(url);
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (!response.ok || documentDigest(bytes) !== current.documentsDigest) throw new Error(t("tenders.amendNoMetadata"));
      metadata = parseTenderMetadata(bytes);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
      return;
    }
    const text = note.trim();
    const { bytes } = encodeDocument({
      ...metadata,
      description: {
        zh: `${metadata.description.zh}\n\n【更正】${text}`,
        en: `${metadata.description.en}\n\n[Amendment] ${text}`,
      },
    });
    const digest = await upload(bytes);
    if (digest === undefined) return;
    const receipt = await tx.send({
      ...escrow,
      functionName: "amend",
      args: [tenderId, digest, toUnix(commitBy), toUnix(revealBy)],
    });
    if (receipt !== undefined) onDone();
  };
  return (
    <details className="panel" data-panel="amend">
      <summary>{t("tenders.amendHeading")}</summary>
      <p className="console-hint">{t("tenders.amendIntro")}</p>
      <label className="console-field">
        {t("tenders.amendNote")}
        <textarea value={note} onChange={(event) => setNote(event.target.value)} rows={3} data-testid="amend-note" />
      </label>
      <DateTimeField label={t("tenders.commitDeadline")} value={commitBy} onChange={setCommitBy} testId="amend-commit-by" />
      <DateTimeField label={t("tenders.revealDeadline")} value={revealBy} onChange={setRevealBy} testId="amend-reveal-by" />
      {problem !== undefined && (
        <p className="console-error__sentence" role="alert">
          {problem}
        </p>
      )}
      <button type="button" className="button" disabled={note.trim() === "" || tx.busy} onClick={() => void send()} data-testid="amend">
        {t("tenders.amend")}
      </button>
      <SignatureStatus state={signature.state.status === "signed" ? { status: "idle" } : signature.state} />
      <TxStatus state={tx.state} />
    </details>
  );
}

function ComplainPanel({ tenderId, tx, onDone }: { tenderId: bigint; tx: Transaction; onDone: () => void }) {
  const { t } = useConsoleT();
  const text = useTextDocument();
  const [complaint, setComplaint] = useState("");
  const send = async () => {
    const digest = await text.publish(complaint);
    if (digest !== undefined && (await tx.send({ ...escrow, functionName: "complain", args: [tenderId, digest] })) !== undefined) onDone();
  };
  return (
    <details className="panel">
      <summary>{t("tenders.complainHeading")}</summary>
      <label className="console-field">
        {t("tenders.complaintText")}
        <textarea value={complaint} onChange={(event) => setComplaint(event.target.value)} rows={3} />
      </label>
      <button type="button" className="button" disabled={complaint.trim() === "" || tx.busy} onClick={() => void send()}>
        {t("tenders.complain")}
      </button>
      <SignatureStatus state={text.signature.state.status === "signed" ? { status: "idle" } : text.signature.state} />
      <TxStatus state={tx.state} />
    </details>
  );
}

function ResolvePanel({ tenderId, ranking, tx, onDone }: { tenderId: bigint; ranking: Address[]; tx: Transaction; onDone: () => void }) {
  const { t } = useConsoleT();
  const text = useTextDocument();
  const [decision, setDecision] = useState("");
  const resolve = async (upheld: boolean) => {
    const digest = await text.publish(decision);
    if (digest === undefined) return;
    const call = { ...escrow, functionName: "resolveComplaint", args: [tenderId, upheld, digest, upheld ? ranking : []] };
    if ((await tx.send(call)) !== undefined) onDone();
  };
  return (
    <section className="panel">
      <h3>{t("tenders.resolveHeading")}</h3>
      <label className="console-field">
        {t("tenders.decisionText")}
        <textarea value={decision} onChange={(event) => setDecision(event.target.value)} rows={3} />
      </label>
      <div className="console-actions">
        <button type="button" className="button" disabled={tx.busy} onClick={() => void resolve(true)}>
          {t("tenders.uphold")}
        </button>
        <button type="button" className="button button--secondary" disabled={tx.busy} onClick={() => void resolve(false)}>
          {t("tenders.dismiss")}
        </button>
      </div>
      <TxStatus state={tx.state} />
    </section>
  );
}

function CancelPanel({ tenderId, bidders, tx, onDone }: { tenderId: bigint; bidders: Address[]; tx: Transaction; onDone: () => void }) {
  const { t } = useConsoleT();
  const [reason, setReason] = useState(1);
  return (
    <details className="panel">
      <summary>{t("tenders.cancelHeading")}</summary>
      <p className="console-hint">{t("tenders.cancelHint")}</p>
      <label>
        {t("tenders.reason")}{" "}
        <select value={reason} onChange={(event) => setReason(Number(event.target.value))}>
          {[1, 2, 3, 4].map((code) => (
            <option key={code} value={code}>
              {code} · {t(`tenders.cancelReasons.${code}` as "tenders.cancelReasons.1")}
            </option>
          ))}
        </select>
      </label>{" "}
      <button
        type="button"
        className="button button--secondary"
        disabled={tx.busy}
        onClick={() =>
          void tx.send({ ...escrow, functionName: "cancel", args: [tenderId, reason, byAddress(bidders)] }).then((r) => r !== undefined && onDone())
        }
      >
        {t("tenders.cancel")}
      </button>
      <TxStatus state={tx.state} />
    </details>
  );
}

type Transaction = ReturnType<typeof useTransaction>;

/** The outcome of a panel's transaction after the tender moved on and the panel left (cancelled, disputed, resolved). */
function Outcome({ tx }: { tx: Transaction }) {
  return tx.state.status === "idle" ? null : (
    <div className="panel">
      <TxStatus state={tx.state} />
    </div>
  );
}

/** One milestone; its transactions live here, so their outcome stays shown when the milestone moves on. */
function MilestoneRow({
  tenderId,
  index,
  milestone,
  canDeliver,
  canDecide,
  onDone,
}: {
  tenderId: bigint;
  index: number;
  milestone: { shareBps: number; state: number; paid: bigint };
  canDeliver: boolean;
  canDecide: boolean;
  onDone: () => void;
}) {
  const { t } = useConsoleT();
  const money = useMoney();
  const deliver = useTransaction();
  const accept = useTransaction();
  const reject = useTransaction();
  const state = Number(milestone.state);
  // A decision comes after the delivery: show the latest step that happened.
  const last = [reject, accept, deliver].find((tx) => tx.state.status !== "idle");
  return (
    <tr data-milestone={index} data-milestone-state={MILESTONE_STATES[state]}>
      <td>{index + 1}</td>
      <td>{(Number(milestone.shareBps) / 100).toFixed(2)}%</td>
      <td>{t(`tenders.milestoneStates.${MILESTONE_STATES[state]}`)}</td>
      <td className="tabular">{money(milestone.paid)}</td>
      <td>
        {canDeliver && state === 0 && <DeliverPanel tenderId={tenderId} milestone={index} tx={deliver} onDone={onDone} />}
        {canDecide && state === 1 && <AcceptPanel tenderId={tenderId} milestone={index} accept={accept} reject={reject} onDone={onDone} />}
        {last !== undefined && <TxStatus state={last.state} />}
      </td>
    </tr>
  );
}

function DeliverPanel({ tenderId, milestone, tx, onDone }: { tenderId: bigint; milestone: number; tx: Transaction; onDone: () => void }) {
  const { t } = useConsoleT();
  const text = useTextDocument();
  const [report, setReport] = useState<File | undefined>(undefined);
  const deliver = async () => {
    if (report === undefined) return;
    const digest = await text.publishFile(report);
    if (digest !== undefined && (await tx.send({ ...escrow, functionName: "deliverMilestone", args: [tenderId, milestone, digest] })) !== undefined) onDone();
  };
  return (
    <div>
      <label>
        {t("tenders.report")} <input type="file" onChange={(event) => setReport(event.target.files?.[0])} data-testid={`report-${milestone}`} />
      </label>
      <button type="button" className="button" disabled={report === undefined || tx.busy} onClick={() => void deliver()} data-testid={`deliver-${milestone}`}>
        {t("tenders.deliver")}
      </button>
    </div>
  );
}

function AcceptPanel({
  tenderId,
  milestone,
  accept,
  reject,
  onDone,
}: {
  tenderId: bigint;
  milestone: number;
  accept: Transaction;
  reject: Transaction;
  onDone: () => void;
}) {
  const { t } = useConsoleT();
  const text = useTextDocument();
  const [comment, setComment] = useState("");
  const sendReject = async () => {
    const digest = await text.publish(comment);
    if (digest !== undefined && (await reject.send({ ...escrow, functionName: "rejectMilestone", args: [tenderId, milestone, 1, digest] })) !== undefined)
      onDone();
  };
  return (
    <div data-panel={`accept-${milestone}`}>
      <button
        type="button"
        className="button"
        disabled={accept.busy}
        onClick={() => void accept.send({ ...escrow, functionName: "acceptMilestone", args: [tenderId, milestone] }).then((r) => r !== undefined && onDone())}
        data-testid={`accept-${milestone}`}
      >
        {t("tenders.accept")}
      </button>
      <details>
        <summary>{t("tenders.rejectDelivery")}</summary>
        <label className="console-field">
          {t("tenders.rejectComment")}
          <input value={comment} onChange={(event) => setComment(event.target.value)} />
        </label>
        <button type="button" className="button button--secondary" disabled={reject.busy || comment.trim() === ""} onClick={() => void sendReject()}>
          {t("tenders.rejectDelivery")}
        </button>
      </details>
    </div>
  );
}
