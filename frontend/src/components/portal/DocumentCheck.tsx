/**
 * One document and the browser's verdict on it against the chain: "matches the chain" with a link to the
 * verified bytes, or "does not match" with both digests and no link, so a mismatching copy is never
 * offered as genuine.
 */
import { useTranslation } from "react-i18next";

import { useDocument, useVerifiedObjectUrl } from "../../hooks/useDocument";
import { formatInteger } from "../../lib/format";
import type { DocumentVerdict } from "../../lib/portal/documentCheck";
import { localized } from "../../lib/portal/format";
import { Hash, useLocale } from "./Values";

export function VerdictBadge({ verdict, pending }: { verdict: DocumentVerdict | undefined; pending: boolean }) {
  const { t } = useTranslation();
  if (verdict === undefined) return <span className="verdict verdict--checking">{pending ? t("portal.documents.checking") : t("portal.documents.notChecked")}</span>;
  return (
    <span className={`verdict verdict--${verdict.status}`} data-verdict={verdict.status}>
      <span aria-hidden="true">{verdict.status === "match" ? "✓ " : verdict.status === "mismatch" ? "✗ " : "! "}</span>
      {t(`portal.documents.verdict.${verdict.status}`)}
    </span>
  );
}

function VerdictDetails({ verdict }: { verdict: DocumentVerdict }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (verdict.status === "mismatch") {
    return (
      <p className="verdict-details">
        {verdict.reportedBy === "store" ? t("portal.documents.mismatchStore") : t("portal.documents.mismatchBrowser")}{" "}
        {t("portal.documents.expected")} <Hash value={verdict.expected} />
        {verdict.actual !== undefined && (
          <>
            {" · "}
            {t("portal.documents.actual")} <Hash value={verdict.actual} />
          </>
        )}
      </p>
    );
  }
  if (verdict.status === "unavailable") return <p className="verdict-details">{t("portal.documents.unavailableBody")}</p>;
  if (verdict.status === "missing") return <p className="verdict-details">{t("portal.documents.missingBody")}</p>;
  return <p className="verdict-details">{t("portal.documents.matchBody", { size: formatInteger(verdict.size, locale) })}</p>;
}

/** A listed document (name, media type) with its verdict and, only when it matches, a link to the verified copy. */
export function DocumentRow({ name, digest, mediaType }: { name: string; digest: string; mediaType?: string }) {
  const { t } = useTranslation();
  const query = useDocument(digest);
  const url = useVerifiedObjectUrl(query.data, mediaType);
  return (
    <li className="document" data-digest={digest}>
      <div className="document__head">
        <span className="document__name">{name}</span>
        <VerdictBadge verdict={query.data} pending={query.isPending} />
      </div>
      <p className="document__digest">
        {t("portal.documents.digest")} <Hash value={digest} />
      </p>
      {query.data !== undefined && <VerdictDetails verdict={query.data} />}
      {url !== undefined && (
        <a className="button button--small" href={url} download={name}>
          {t("portal.documents.download", { name })}
        </a>
      )}
    </li>
  );
}

/**
 * A short text document (complaint, delivery report, decision) shown only once it matches the digest the
 * chain records; `unreadable` when that digest cannot be read from the chain (nothing is judged then).
 */
export function VerifiedText({ digest, unreadable, label }: { digest: string | undefined; unreadable: boolean; label: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const query = useDocument(digest);
  if (digest === undefined) {
    return (
      <div className="verified-text">
        <p className="verified-text__head">
          <span>{label}</span>{" "}
          {unreadable ? <span className="verdict verdict--unavailable">{t("portal.documents.noChainShort")}</span> : <VerdictBadge verdict={undefined} pending />}
        </p>
      </div>
    );
  }
  if (/^0x0{64}$/.test(digest)) return null;
  let text: string | undefined;
  if (query.data?.status === "match") {
    try {
      const parsed = JSON.parse(new TextDecoder().decode(query.data.bytes)) as { text?: { zh: string; en: string } };
      text = localized(parsed.text, locale);
    } catch {
      text = new TextDecoder().decode(query.data.bytes);
    }
  }
  return (
    <div className="verified-text" data-digest={digest}>
      <p className="verified-text__head">
        <span>{label}</span> <VerdictBadge verdict={query.data} pending={query.isPending} />
      </p>
      {text !== undefined ? <blockquote>{text}</blockquote> : query.data !== undefined && <VerdictDetails verdict={query.data} />}
      {text === undefined && query.data === undefined && <p className="verdict-details">{t("portal.documents.checking")}</p>}
    </div>
  );
}
