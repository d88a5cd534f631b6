/**
 * The applicant's page: apply for a licence (documents hashed here, uploaded to the document store with
 * the applicant's signature, fingerprints sent to the chain), follow each application, amend after a
 * rejection, withdraw, renew, and see the issued licence with the link to its public page.
 */
import { type Hex, label32 } from "@lib/hashing";
import encodeQR from "@paulmillr/qr";
import { useState } from "react";
import { Link } from "react-router";
import { useConnection, useReadContract, useReadContracts } from "wagmi";

import { config as appConfig } from "../../../config";
import { SignatureStatus, TxStatus } from "../../components/TxStatus";
import { useConsoleT } from "../../i18n";
import { fileDigest, useUploader } from "../../lib/documents";
import { formatTime } from "../../lib/format";
import { useLicenceTypes } from "../../roles/useRoles";
import { useSignature } from "../../tx/useSignature";
import { type ContractCall, useTransaction } from "../../tx/useTransaction";
import { registry, STAGE } from "./useApplication";

/** Uploads the chosen files one by one (each upload signed in the wallet); their fingerprints, or undefined. */
function useDocumentUpload() {
  const connection = useConnection();
  const signature = useSignature();
  const upload = useUploader(connection.address, signature.signText);
  const [progress, setProgress] = useState<{ index: number } | { done: number } | { error: string } | undefined>(undefined);
  const uploadAll = async (files: readonly File[]): Promise<Hex[] | undefined> => {
    const digests: Hex[] = [];
    try {
      for (const [index, file] of files.entries()) {
        setProgress({ index: index + 1 });
        const { bytes } = await fileDigest(file);
        const digest = await upload(bytes);
        if (digest === undefined) {
          setProgress(undefined);
          return undefined;
        }
        digests.push(digest);
      }
      setProgress({ done: digests.length });
      return digests;
    } catch (error) {
      setProgress({
        error: error instanceof Error ? error.message : String(error),
      });
      return undefined;
    }
  };
  return { uploadAll, progress, signature };
}

function UploadProgress({ upload }: { upload: ReturnType<typeof useDocumentUpload> }) {
  const { t } = useConsoleT();
  const { progress } = upload;
  return (
    <>
      {progress !== undefined && "index" in progress && <p role="status">{t("applicant.uploading", { index: progress.index })}</p>}
      {progress !== undefined && "done" in progress && <p role="status">{t("applicant.uploaded", { count: progress.done })}</p>}
      {progress !== undefined && "error" in progress && (
        <p className="console-error__sentence" role="alert">
          {t("applicant.uploadFailed", { message: progress.error })}
        </p>
      )}
      {upload.signature.state.status === "cancelled" && <SignatureStatus state={upload.signature.state} />}
    </>
  );
}

/** Files chosen, uploaded, then one transaction built from their fingerprints. */
function DocumentsAndSend({
  label,
  build,
  testId,
  onSent,
}: {
  label: string;
  build: (digests: Hex[]) => ContractCall | undefined;
  testId: string;
  onSent: () => void;
}) {
  const { t } = useConsoleT();
  const upload = useDocumentUpload();
  const tx = useTransaction();
  const [files, setFiles] = useState<File[]>([]);
  const send = async () => {
    const digests = await upload.uploadAll(files);
    if (digests === undefined) return;
    const call = build(digests);
    if (call !== undefined && (await tx.send(call)) !== undefined) onSent();
  };
  return (
    <>
      <label className="console-field">
        {t("applicant.files")}
        <input type="file" multiple onChange={(event) => setFiles([...(event.target.files ?? [])])} data-testid={`${testId}-files`} />
      </label>
      <p className="console-hint">{t("applicant.filesHint")}</p>
      <button type="button" className="button" disabled={files.length === 0 || tx.busy} onClick={() => void send()} data-testid={testId}>
        {label}
      </button>
      <UploadProgress upload={upload} />
      <TxStatus state={tx.state} />
    </>
  );
}

export function ApplicantPage() {
  const { t } = useConsoleT();
  const connection = useConnection();
  const mine = useReadContract({
    ...registry,
    chainId: appConfig.chainId,
    functionName: "applicationsOf",
    args: [connection.address!, 0n, 200n],
    query: {
      enabled: connection.address !== undefined,
      refetchInterval: 5_000,
    },
  });
  if (connection.address === undefined) return <p>{t("error.noWallet")}</p>;
  const ids = [...(mine.data ?? [])].reverse();
  return (
    <section>
      <h2>{t("applicant.heading")}</h2>
      <NewApplication onSent={() => void mine.refetch()} />
      {mine.data !== undefined && ids.length === 0 && <p>{t("applicant.noApplications")}</p>}
      <ul className="console-applications">
        {ids.map((id) => (
          <MyApplication key={id.toString()} applicationId={id} onChange={() => void mine.refetch()} />
        ))}
      </ul>
    </section>
  );
}

function NewApplication({ onSent }: { onSent: () => void }) {
  const { t } = useConsoleT();
  const { types } = useLicenceTypes();
  const active = (types ?? []).filter((type) => type.active);
  const [typeId, setTypeId] = useState<number | undefined>(undefined);
  const [subject, setSubject] = useState("");
  const chosen = typeId ?? active[0]?.id;
  return (
    <section className="panel" aria-labelledby="new-application-heading">
      <h3 id="new-application-heading">{t("applicant.newHeading")}</h3>
      <label className="console-field">
        {t("applicant.type")}
        <select value={chosen ?? ""} onChange={(event) => setTypeId(Number(event.target.value))} data-testid="apply-type">
          {active.map((type) => (
            <option key={type.id} value={type.id}>
              {type.name} ({type.code})
            </option>
          ))}
        </select>
      </label>
      <label className="console-field">
        {t("applicant.subject")}
        <input value={subject} onChange={(event) => setSubject(event.target.value)} maxLength={31} data-testid="apply-subject" />
      </label>
      <p className="console-hint">{t("applicant.subjectHint")}</p>
      <DocumentsAndSend
        label={t("applicant.submit")}
        testId="apply-submit"
        onSent={onSent}
        build={(digests) =>
          chosen === undefined || subject.trim() === ""
            ? undefined
            : {
                ...registry,
                functionName: "submit",
                args: [chosen, label32(subject.trim()), digests],
              }
        }
      />
    </section>
  );
}

function MyApplication({ applicationId, onChange }: { applicationId: bigint; onChange: () => void }) {
  const { t, language } = useConsoleT();
  const tx = useTransaction();
  const { types } = useLicenceTypes();
  const application = useReadContract({
    ...registry,
    chainId: appConfig.chainId,
    functionName: "getApplication",
    args: [applicationId],
    query: { refetchInterval: 5_000 },
  });
  const data = application.data;
  const type = types?.find((x) => x.id === data?.typeId);
  const licenseId = data?.licenseId ?? 0n;
  const licence = useReadContracts({
    contracts: [
      {
        ...registry,
        chainId: appConfig.chainId,
        functionName: "licenseNumber",
        args: [licenseId],
      },
      {
        ...registry,
        chainId: appConfig.chainId,
        functionName: "licenseStatus",
        args: [licenseId],
      },
      {
        ...registry,
        chainId: appConfig.chainId,
        functionName: "getLicense",
        args: [licenseId],
      },
    ],
    query: { enabled: data?.stage === STAGE.Issued && licenseId > 0n },
  });
  if (data === undefined) return <li>{t("common.loading")}</li>;
  const refresh = () => {
    void application.refetch();
    onChange();
  };
  const [number, status, record] = licence.data ?? [];
  return (
    <li className="panel console-my-application" data-application={applicationId.toString()} data-stage={data.stage}>
      <h3>
        <Link to={`/console/licences/applications/${applicationId}`}>{t("licences.application", { id: applicationId.toString() })}</Link> · {type?.name ?? "…"}
        {data.renewal && ` · ${t("licences.renewal")}`}
      </h3>
      <p>
        {t("licences.stage")}: <strong>{t(`licences.stages.${data.stage}` as "licences.stages.1")}</strong> · {t("licences.submittedAt")}:{" "}
        {formatTime(data.submittedAt, language)}
      </p>
      {data.stage === STAGE.Issued && number?.status === "success" && (
        <div className="console-licence" data-testid="my-licence">
          <p>
            {t("applicant.licence")}: <strong>{number.result}</strong> · {t("applicant.licenceStatus")}:{" "}
            {t(`applicant.licenceStatuses.${Number(status?.result ?? 0)}` as "applicant.licenceStatuses.1")}
            {record?.status === "success" && ` · ${t("applicant.validUntil")} ${formatTime(record.result.validUntil, language)}`}
          </p>
          <LicenceQr licenseId={licenseId} />
          {type?.renewable === true && (
            <details>
              <summary>{t("applicant.renew")}</summary>
              <DocumentsAndSend
                label={t("applicant.renew")}
                testId="renew"
                onSent={refresh}
                build={(digests) => ({
                  ...registry,
                  functionName: "submitRenewal",
                  args: [licenseId, digests],
                })}
              />
            </details>
          )}
        </div>
      )}
      {data.stage === STAGE.Rejected && (
        <details open>
          <summary>{t("applicant.amendHeading")}</summary>
          <DocumentsAndSend
            label={t("applicant.amend")}
            testId="amend"
            onSent={refresh}
            build={(digests) => ({
              ...registry,
              functionName: "amend",
              args: [applicationId, digests],
            })}
          />
        </details>
      )}
      {(data.stage === STAGE.Pending || data.stage === STAGE.Rejected) && (
        <>
          <button
            type="button"
            className="button button--secondary"
            disabled={tx.busy}
            onClick={() =>
              void tx
                .send({
                  ...registry,
                  functionName: "withdraw",
                  args: [applicationId],
                })
                .then((receipt) => receipt !== undefined && refresh())
            }
          >
            {t("applicant.withdraw")}
          </button>
          <TxStatus state={tx.state} />
        </>
      )}
    </li>
  );
}

/** The licence's public page, as a link and a QR code anyone can scan to check it against the chain. */
function LicenceQr({ licenseId }: { licenseId: bigint }) {
  const { t } = useConsoleT();
  const url = `${window.location.origin}/licences/${licenseId}`;
  const svg = encodeQR(url, "svg", { border: 2 });
  return (
    <figure className="console-qr">
      <img src={`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`} width={132} height={132} alt={t("applicant.qrAlt", { url })} data-testid="licence-qr" />
      <figcaption>
        {t("applicant.qr")}: <a href={`/licences/${licenseId}`}>{url}</a>
      </figcaption>
    </figure>
  );
}
