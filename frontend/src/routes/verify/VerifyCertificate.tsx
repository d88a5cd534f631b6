/**
 * Verify a certificate: a file (hashed in the browser, never uploaded) or a pasted digest, and for a
 * batch certificate its proof file; then every check against the chain, Blockcerts-style.
 * `?digest=0x…` opens the page with a digest to verify (the link to a superseding certificate uses it).
 */
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";

import { Notice } from "../../components/Notice";
import { CheckList } from "../../components/verify/CheckList";
import { BlockRef, ChainSourceNote, departmentName, FullHex, HintedTextField, Loading, PrivacyNote, ReadError, useLocale, VerifyFormHeader } from "../../components/verify/common";
import { FileDrop } from "../../components/verify/FileDrop";
import { type CertificateQuery, type CertificateResult, useCertificateVerification } from "../../hooks/verify/useCertificateVerification";
import { formatInteger } from "../../lib/format";
import { DigestInputError, parseDigestInput, sha256OfFile } from "../../lib/verify/digest";
import { parseProofFile, ProofFileError } from "../../lib/verify/proofFile";

/** A named problem with the reader's input, shown next to the form. */
type InputProblem = { key: "noInput" | "digestMalformed" | "fileUnreadable" } | { key: "proof"; problem: ProofFileError["problem"] };

function queryFromUrl(digest: string | null): CertificateQuery | undefined {
  if (digest === null) return undefined;
  try {
    return { digest: parseDigestInput(digest), digestSource: "pasted" };
  } catch {
    return undefined;
  }
}

export function Component() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const urlDigest = searchParams.get("digest");
  const [file, setFile] = useState<File>();
  const [digestText, setDigestText] = useState(urlDigest ?? "");
  const [proofFile, setProofFile] = useState<File>();
  const [problem, setProblem] = useState<InputProblem>();
  const [query, setQuery] = useState<CertificateQuery | undefined>(() => queryFromUrl(urlDigest));
  const [preparing, setPreparing] = useState(false);
  const verification = useCertificateVerification(query);
  // A link to another digest (e.g. the certificate that superseded this one) keeps this page mounted.
  useEffect(() => {
    if (urlDigest === null) return;
    setDigestText(urlDigest);
    setFile(undefined);
    setProofFile(undefined);
    setQuery(queryFromUrl(urlDigest));
  }, [urlDigest]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    setPreparing(true);
    try {
      const next = await prepareQuery(file, digestText, proofFile);
      setQuery(next);
      // A pasted digest goes into the address, so the result can be shared; a file's digest stays private.
      setSearchParams(next.digestSource === "pasted" && next.proof === undefined ? { digest: next.digest } : {}, { replace: true });
    } catch (error) {
      setProblem(inputProblem(error));
      setQuery(undefined);
    } finally {
      setPreparing(false);
    }
  };

  return (
    <div className="container page verify-page">
      <VerifyFormHeader heading={t("verify.certificate.heading")} intro={t("verify.certificate.intro")} />
      <form className="panel verify-form" onSubmit={(event) => void submit(event)} noValidate aria-describedby="certificate-privacy">
        <PrivacyNote id="certificate-privacy">{t("verify.certificate.privacy")}</PrivacyNote>
        <FileDrop
          name="certificate"
          label={t("verify.certificate.fileLabel")}
          hint={t("verify.certificate.fileHint")}
          file={file}
          onFile={(chosen) => {
            setFile(chosen);
            if (chosen !== undefined) setDigestText("");
          }}
        />
        <p className="verify-or">{t("verify.certificate.or")}</p>
        <HintedTextField
          id="certificate-digest"
          name="digest"
          label={t("verify.certificate.digestLabel")}
          hint={t("verify.certificate.digestHint")}
          value={digestText}
          invalid={problem?.key === "digestMalformed"}
          onChange={(text) => {
            setDigestText(text);
            if (text !== "") setFile(undefined);
          }}
        />
        <FileDrop
          name="proof"
          label={t("verify.certificate.proofLabel")}
          hint={t("verify.certificate.proofHint")}
          accept=".json,application/json"
          file={proofFile}
          onFile={setProofFile}
        />
        {problem !== undefined && (
          <Notice kind="warning" title={t("verify.certificate.errors.title")}>
            <p data-problem={problem.key === "proof" ? `proof:${problem.problem}` : problem.key}>
              {problem.key === "proof" ? t(`verify.certificate.errors.proof.${problem.problem}`) : t(`verify.certificate.errors.${problem.key}`)}
            </p>
          </Notice>
        )}
        <div className="verify-actions">
          <button type="submit" className="button button--primary" disabled={preparing}>
            {t("verify.certificate.submit")}
          </button>
        </div>
      </form>
      {preparing && <Loading>{t("verify.certificate.computing")}</Loading>}
      {query !== undefined && verification.isPending && <Loading>{t("verify.loading")}</Loading>}
      {query !== undefined && verification.isError && <ReadError error={verification.error} />}
      {query !== undefined && verification.isSuccess && <CertificateResultView result={verification.data} />}
    </div>
  );
}

async function prepareQuery(file: File | undefined, digestText: string, proofFile: File | undefined): Promise<CertificateQuery> {
  let digest;
  let digestSource: CertificateQuery["digestSource"];
  if (file !== undefined) {
    digest = await sha256OfFile(file).catch(() => {
      throw new FileUnreadable();
    });
    digestSource = "file";
  } else if (digestText.trim() !== "") {
    digest = parseDigestInput(digestText);
    digestSource = "pasted";
  } else {
    throw new DigestInputError("empty");
  }
  if (proofFile === undefined) return { digest, digestSource };
  const text = await proofFile.text().catch(() => {
    throw new FileUnreadable();
  });
  return { digest, digestSource, proof: parseProofFile(text) };
}

class FileUnreadable extends Error {}

function inputProblem(error: unknown): InputProblem {
  if (error instanceof ProofFileError) return { key: "proof", problem: error.problem };
  if (error instanceof DigestInputError) return { key: error.code === "empty" ? "noInput" : "digestMalformed" };
  if (error instanceof FileUnreadable) return { key: "fileUnreadable" };
  throw error;
}

const VERDICT_KIND = {
  Valid: "ok",
  NotYetValid: "warning",
  Expired: "warning",
  Suspended: "warning",
  Revoked: "bad",
  Superseded: "bad",
  Unknown: "bad",
} as const;

function CertificateResultView({ result }: { result: CertificateResult }) {
  const { t, i18n } = useTranslation();
  // The result appears below the form: take the reader (and the screen reader) to it.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [result]);
  const locale = useLocale();
  const { answers, verification } = result;
  const { record, issue, department, type } = answers;
  const language = i18n.resolvedLanguage ?? "zh-CN";
  const departmentText = department === undefined ? "" : departmentName(department, language);
  const verdict = verification.verdict;
  return (
    <section className="panel verify-result" aria-labelledby="certificate-result-heading" data-verdict={verdict}>
      <h2 id="certificate-result-heading" ref={heading} tabIndex={-1}>
        {t("verify.certificate.resultHeading")}
      </h2>
      <div className={`verdict verdict--${VERDICT_KIND[verdict]}`} role="status">
        <p className="verdict__title">{t(`verify.certificate.verdict.${verdict}.title`)}</p>
        <p className="verdict__body">{t(`verify.certificate.verdict.${verdict}.body`)}</p>
        {verdict === "Unknown" && answers.batchProof === undefined && <p className="verdict__body">{t("verify.certificate.notFoundHint")}</p>}
        {record?.supersededBy !== undefined && (
          <p className="verdict__body">
            <Link to={`/verify/certificate?digest=${record.supersededBy}`}>{t("verify.certificate.details.verifyReplacement")}</Link>
          </p>
        )}
      </div>

      <h3>{t("verify.certificate.checksHeading")}</h3>
      <CheckList checks={verification.checks} extra={{ department: departmentText }} />

      <h3>{t("verify.certificate.details.heading")}</h3>
      <dl className="verify-details">
        <dt>{t("verify.certificate.details.digest")}</dt>
        <dd>
          <FullHex value={answers.digest} label={t("verify.certificate.details.copyDigest")} />
        </dd>
        {type !== undefined && (
          <>
            <dt>{t("verify.certificate.details.type")}</dt>
            <dd>
              {type.name} <span className="badge">{type.code}</span>
            </dd>
          </>
        )}
        {department !== undefined && (
          <>
            <dt>{t("verify.certificate.details.department")}</dt>
            <dd>
              {departmentText} <span className="badge">{department.code}</span>
            </dd>
          </>
        )}
        {issue !== undefined && (
          <>
            <dt>{t("verify.certificate.details.official")}</dt>
            <dd>
              <FullHex value={issue.issuedBy} label={t("verify.certificate.details.copyOfficial")} />
            </dd>
            <dt>{t("verify.certificate.details.issued")}</dt>
            <dd>
              <BlockRef blockNumber={issue.blockNumber} timestamp={record?.issuedAt} />
            </dd>
            <dt>{t("verify.certificate.details.transaction")}</dt>
            <dd>
              <FullHex value={issue.transactionHash} label={t("verify.certificate.details.copyTransaction")} />
            </dd>
          </>
        )}
        {record?.batch !== undefined && (
          <>
            <dt>{t("verify.certificate.details.batch")}</dt>
            <dd className="tabular">
              {t("verify.certificate.details.batchItem", {
                batch: record.batch.id.toString(),
                item: record.batch.index + 1,
              })}
            </dd>
          </>
        )}
        {record !== undefined && (
          <>
            <dt>{t("verify.certificate.details.statusIndex")}</dt>
            <dd className="tabular">{formatInteger(record.statusIndex, locale)}</dd>
          </>
        )}
        {record?.supersedes !== undefined && (
          <>
            <dt>{t("verify.certificate.details.supersedes")}</dt>
            <dd>
              <Link to={`/verify/certificate?digest=${record.supersedes}`} className="verify-hex-link">
                <code>{record.supersedes}</code>
              </Link>
            </dd>
          </>
        )}
        {record?.supersededBy !== undefined && (
          <>
            <dt>{t("verify.certificate.details.replacement")}</dt>
            <dd>
              <Link to={`/verify/certificate?digest=${record.supersededBy}`} className="verify-hex-link">
                <code>{record.supersededBy}</code>
              </Link>
            </dd>
          </>
        )}
      </dl>
      {result.history.length > 0 && (
        <>
          <h3>{t("verify.certificate.history.heading")}</h3>
          <ol className="verify-timeline" data-history>
            {result.history.map((change) => (
              <li key={`${change.transactionHash}-${change.name}`}>
                <p className="verify-timeline__what">
                  {t(`verify.certificate.history.${change.name}`)}
                  {change.reasonCode !== undefined && <> · {t("verify.certificate.history.reason", { code: change.reasonCode })}</>}
                </p>
                <p className="verify-timeline__when">
                  <BlockRef blockNumber={change.blockNumber} timestamp={change.timestamp} />
                </p>
                <code className="verify-code">{change.transactionHash}</code>
              </li>
            ))}
          </ol>
        </>
      )}
      <ChainSourceNote blockNumber={answers.asOf.blockNumber} timestamp={answers.asOf.timestamp} />
    </section>
  );
}
