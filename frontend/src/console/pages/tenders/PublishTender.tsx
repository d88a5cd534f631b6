/**
 * Publishing a tender (an official of the procuring department): the tender's metadata (title,
 * description, milestones) uploaded to the document store, milestones as shares of the price, the
 * schedule, and the budget, escrowed from the department's treasury, whose token approval is part of
 * the flow (the treasury approves from this page when it is the connected account).
 */
import { documentDigest, type Hex, label32 } from "@lib/hashing";
import { encodeDocument, type TenderMetadata } from "@lib/metadata";
import { useState } from "react";
import { Link } from "react-router";
import { decodeEventLog, parseUnits } from "viem";
import { useConnection, useReadContract } from "wagmi";

import { config as appConfig } from "../../../config";
import { DateTimeField } from "../../components/DateTimeField";
import { TxStatus, SignatureStatus } from "../../components/TxStatus";
import { useConsoleT } from "../../i18n";
import { localInput, toUnix } from "../../lib/format";
import { useUploader } from "../../lib/documents";
import { departmentName } from "../../roles/RoleBadges";
import { type Department, useDepartments, useLicenceTypes } from "../../roles/useRoles";
import { useSignature } from "../../tx/useSignature";
import { useTransaction } from "../../tx/useTransaction";
import { escrow, token, useMoney, useTokenDecimals } from "./useTender";

interface MilestoneDraft {
  share: string;
  text: string;
}

export function PublishTender({ department }: { department: Department }) {
  const { t, language } = useConsoleT();
  const connection = useConnection();
  const decimals = useTokenDecimals();
  const money = useMoney();
  const { departments } = useDepartments();
  const { types } = useLicenceTypes();
  const signature = useSignature();
  const upload = useUploader(connection.address, signature.signText);
  const tx = useTransaction();
  const approve = useTransaction();
  const [title, setTitle] = useState("");
  const [titleEn, setTitleEn] = useState("");
  const [description, setDescription] = useState("");
  const [descriptionEn, setDescriptionEn] = useState("");
  const [category, setCategory] = useState<TenderMetadata["category"]>("services");
  const [budget, setBudget] = useState("");
  const [bond, setBond] = useState("0");
  const [commitBy, setCommitBy] = useState(() => localInput(new Date(Date.now() + 7 * 86_400_000)));
  const [revealBy, setRevealBy] = useState(() => localInput(new Date(Date.now() + 9 * 86_400_000)));
  const [complaintHours, setComplaintHours] = useState("72");
  const [accepting, setAccepting] = useState(department.id);
  const [licenceType, setLicenceType] = useState<number | undefined>(undefined);
  const [publishedId, setPublishedId] = useState<bigint | undefined>(undefined);
  const [milestones, setMilestones] = useState<MilestoneDraft[]>([
    { share: "50", text: "" },
    { share: "50", text: "" },
  ]);

  const allowance = useReadContract({
    ...token,
    chainId: appConfig.chainId,
    functionName: "allowance",
    args: [department.treasury, escrow.address],
    query: { refetchInterval: 5_000 },
  });
  let budgetUnits: bigint | undefined;
  try {
    budgetUnits = budget === "" ? undefined : parseUnits(budget, decimals);
  } catch {
    budgetUnits = undefined;
  }
  const allowanceShort = budgetUnits !== undefined && allowance.data !== undefined && allowance.data < budgetUnits;
  const isTreasury = connection.address?.toLowerCase() === department.treasury.toLowerCase();
  const sharesBps = milestones.map((m) => Math.round(Number(m.share) * 100));
  const sharesOk = sharesBps.every((bps) => bps > 0) && sharesBps.reduce((a, b) => a + b, 0) === 10_000;
  const chosenLicence = licenceType ?? types?.[0]?.id;

  const publish = async () => {
    if (budgetUnits === undefined || chosenLicence === undefined) return;
    const encoder = new TextEncoder();
    const milestoneDigests: Hex[] = [];
    for (const milestone of milestones) {
      const digest = await upload(encoder.encode(milestone.text.trim()));
      if (digest === undefined) return;
      milestoneDigests.push(digest);
    }
    // lib/metadata.ts's format (canonical JSON), in both languages: what the data service and the portal read
    const { bytes: metadata } = encodeDocument({
      format: "govchain-tender-metadata-1",
      title: { zh: title.trim(), en: titleEn.trim() || title.trim() },
      description: {
        zh: description.trim(),
        en: descriptionEn.trim() || description.trim(),
      },
      category,
      items: [],
      milestones: milestones.map((m) => ({
        zh: m.text.trim(),
        en: m.text.trim(),
      })),
      documents: [],
    });
    const documentsDigest = await upload(metadata);
    if (documentsDigest === undefined) return;
    const params = {
      documentsDigest,
      metadataURI: appConfig.docsUrl === undefined ? "" : `${appConfig.docsUrl}/ipfs/${(await import("@lib/cid")).digestToCid(documentDigest(metadata))}`,
      category: label32(category),
      budget: budgetUnits,
      bidBond: parseUnits(bond || "0", decimals),
      commitDeadline: toUnix(commitBy),
      revealDeadline: toUnix(revealBy),
      complaintWindow: Math.round(Number(complaintHours) * 3600),
      acceptingDepartment: accepting,
      licenseTypeId: chosenLicence,
      milestoneSharesBps: sharesBps,
      milestoneDigests,
    };
    const receipt = await tx.send({ ...escrow, functionName: "publish", args: [params] });
    const published = receipt?.logs
      .map((log) => {
        try {
          return decodeEventLog({ abi: escrow.abi, data: log.data, topics: log.topics });
        } catch {
          return undefined;
        }
      })
      .find((event) => event?.eventName === "TenderPublished");
    setPublishedId((published?.args as { tenderId?: bigint } | undefined)?.tenderId);
  };

  return (
    <details className="panel" data-testid="publish-tender">
      <summary>
        <h3 className="console-inline-heading">{t("tenders.publishHeading", { department: departmentName(department, language) })}</h3>
      </summary>
      <label className="console-field">
        {t("tenders.title")}
        <input value={title} onChange={(event) => setTitle(event.target.value)} data-testid="tender-title" />
      </label>
      <label className="console-field">
        {t("tenders.titleEn")}
        <input value={titleEn} onChange={(event) => setTitleEn(event.target.value)} data-testid="tender-title-en" />
      </label>
      <label className="console-field">
        {t("tenders.description")}
        <textarea value={description} onChange={(event) => setDescription(event.target.value)} rows={3} />
      </label>
      <label className="console-field">
        {t("tenders.descriptionEn")}
        <textarea value={descriptionEn} onChange={(event) => setDescriptionEn(event.target.value)} rows={3} />
      </label>
      <label className="console-field">
        {t("tenders.category")}
        <select value={category} onChange={(event) => setCategory(event.target.value as TenderMetadata["category"])}>
          {(["goods", "works", "services"] as const).map((c) => (
            <option key={c} value={c}>
              {t(`tenders.categories.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="console-field">
        {t("tenders.budget")}
        <input value={budget} onChange={(event) => setBudget(event.target.value.trim())} inputMode="decimal" data-testid="tender-budget" />
      </label>
      <label className="console-field">
        {t("tenders.bidBond")}
        <input value={bond} onChange={(event) => setBond(event.target.value.trim())} inputMode="decimal" data-testid="tender-bond" />
      </label>
      <DateTimeField label={t("tenders.commitDeadline")} value={commitBy} onChange={setCommitBy} testId="tender-commit-by" />
      <DateTimeField label={t("tenders.revealDeadline")} value={revealBy} onChange={setRevealBy} testId="tender-reveal-by" />
      <label className="console-field">
        {t("tenders.complaintHours")}
        <input
          value={complaintHours}
          onChange={(event) => setComplaintHours(event.target.value.trim())}
          inputMode="decimal"
          data-testid="tender-complaint-hours"
        />
      </label>
      <label className="console-field">
        {t("tenders.acceptingDepartment")}
        <select value={accepting} onChange={(event) => setAccepting(Number(event.target.value))}>
          {(departments ?? []).map((d) => (
            <option key={d.id} value={d.id}>
              {departmentName(d, language)}
            </option>
          ))}
        </select>
      </label>
      <label className="console-field">
        {t("tenders.licenceType")}
        <select value={chosenLicence ?? ""} onChange={(event) => setLicenceType(Number(event.target.value))}>
          {(types ?? []).map((type) => (
            <option key={type.id} value={type.id}>
              {type.name} ({type.code})
            </option>
          ))}
        </select>
      </label>
      <fieldset className="console-milestones">
        <legend>{t("tenders.milestones")}</legend>
        {milestones.map((milestone, i) => (
          <div key={i} className="console-actions">
            <label>
              {t("tenders.milestoneShare", { n: i + 1 })}{" "}
              <input
                value={milestone.share}
                size={5}
                onChange={(event) => setMilestones(milestones.map((m, j) => (j === i ? { ...m, share: event.target.value } : m)))}
                data-testid={`milestone-share-${i}`}
              />
            </label>
            <label className="console-grow">
              {t("tenders.milestoneText")}{" "}
              <input
                value={milestone.text}
                onChange={(event) => setMilestones(milestones.map((m, j) => (j === i ? { ...m, text: event.target.value } : m)))}
                data-testid={`milestone-text-${i}`}
              />
            </label>
          </div>
        ))}
        <button type="button" className="button button--secondary" onClick={() => setMilestones([...milestones, { share: "0", text: "" }])}>
          {t("tenders.addMilestone")}
        </button>
        {!sharesOk && <p className="console-hint">{t("tenders.sharesHint")}</p>}
      </fieldset>
      <p data-testid="treasury-allowance">
        {t("tenders.treasuryAllowance", {
          treasury: department.treasury,
          amount: allowance.data === undefined ? "…" : money(allowance.data),
        })}
      </p>
      {allowanceShort && (
        <div className="notice notice--warning" role="alert">
          <p>{t("tenders.allowanceShort")}</p>
          {isTreasury && budgetUnits !== undefined && (
            <button
              type="button"
              className="button"
              disabled={approve.busy}
              onClick={() => void approve.send({ ...token, functionName: "approve", args: [escrow.address, budgetUnits] }).then(() => allowance.refetch())}
            >
              {t("tenders.treasuryApprove")}
            </button>
          )}
          <TxStatus state={approve.state} />
        </div>
      )}
      <button
        type="button"
        className="button"
        disabled={title.trim() === "" || budgetUnits === undefined || !sharesOk || milestones.some((m) => m.text.trim() === "") || tx.busy}
        onClick={() => void publish()}
        data-testid="publish"
      >
        {t("tenders.publish")}
      </button>
      <SignatureStatus state={signature.state.status === "signed" ? { status: "idle" } : signature.state} />
      <TxStatus state={tx.state} />
      {publishedId !== undefined && (
        <p>
          <Link to={`/console/tenders/${publishedId}`} data-testid="published-tender" data-tender={publishedId.toString()}>
            {t("tenders.tender", { id: publishedId.toString() })}
          </Link>
        </p>
      )}
    </details>
  );
}
