/**
 * A document from the document store, checked in this browser against the digest the chain records.
 * Content-addressed, so a verdict never changes for the same bytes; it is re-checked on a page reload.
 */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";

import { config } from "../config";
import { type DocumentVerdict, fetchAndVerify } from "../lib/portal/documentCheck";

export function useDocument(digest: string | null | undefined) {
  return useQuery<DocumentVerdict>({
    queryKey: ["document", config.docsUrl, digest],
    queryFn: ({ signal }) => fetchAndVerify(config.docsUrl, digest!, { signal }),
    enabled: typeof digest === "string" && /^0x[0-9a-fA-F]{64}$/.test(digest) && !/^0x0{64}$/.test(digest),
    retry: false,
    staleTime: 60_000,
  });
}

/** Media types a browser could run script from: a verified copy is still handed over as plain text. */
const ACTIVE_CONTENT = /html|svg|xml|javascript/i;

/** A link target for the verified bytes only (a blob: URL, revoked when the page leaves). */
export function useVerifiedObjectUrl(verdict: DocumentVerdict | undefined, mediaType: string | undefined): string | undefined {
  const bytes = verdict?.status === "match" ? verdict.bytes : undefined;
  const url = useMemo(() => {
    if (bytes === undefined) return undefined;
    const type = mediaType === undefined || ACTIVE_CONTENT.test(mediaType) ? "text/plain; charset=utf-8" : mediaType;
    return URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  }, [bytes, mediaType]);
  useEffect(() => () => (url === undefined ? undefined : URL.revokeObjectURL(url)), [url]);
  return url;
}
