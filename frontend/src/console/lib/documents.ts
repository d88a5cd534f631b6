/**
 * Documents in the console: a file's fingerprint computed in the browser, uploads to the document store
 * signed by the connected wallet (lib/documents.ts protocol), and copies fetched from the store checked
 * against the fingerprint the chain records before anyone relies on them.
 */
import { digestToCid, verifyDocument } from "@lib/cid";
import { RAW_BLOCK_TYPE, uploadDocument } from "@lib/documents";
import { documentDigest, type Hex } from "@lib/hashing";
import { useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import type { Address } from "viem";

import { config as appConfig } from "../../config";

export type DocumentCheckState = "checking" | "ok" | "mismatch" | "missing" | "no-store";

/** The document store's URL of a document (raw bytes). */
export function documentUrl(digest: Hex): string | undefined {
  return appConfig.docsUrl === undefined ? undefined : `${appConfig.docsUrl}/ipfs/${digestToCid(digest)}?format=raw`;
}

/** Fetches a document from the store and checks it against `digest` (from the chain). */
export function useDocumentCheck(digest: Hex): DocumentCheckState {
  const url = documentUrl(digest);
  const query = useQuery({
    queryKey: ["govchain", "document-check", digest],
    enabled: url !== undefined,
    staleTime: Infinity,
    queryFn: async (): Promise<DocumentCheckState> => {
      const response = await fetch(url!, {
        headers: { accept: RAW_BLOCK_TYPE },
      });
      if (response.status === 404) return "missing";
      if (!response.ok) throw new Error(`the document store answered ${response.status}`);
      return verifyDocument(new Uint8Array(await response.arrayBuffer()), digest).match ? "ok" : "mismatch";
    },
  });
  if (url === undefined) return "no-store";
  if (query.isError) return "missing";
  return query.data ?? "checking";
}

/** A file's SHA-256 fingerprint, computed here. */
export async function fileDigest(file: File): Promise<{ bytes: Uint8Array; digest: Hex }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { bytes, digest: documentDigest(bytes) };
}

/**
 * Uploads bytes to the document store, the upload signed (EIP-191) by the connected wallet through
 * `signText` (which reports the wallet's state). Resolves with the digest, or undefined when the user
 * declined to sign.
 */
export function useUploader(address: Address | undefined, signText: (message: string) => Promise<Hex | undefined>) {
  return useCallback(
    async (bytes: Uint8Array): Promise<Hex | undefined> => {
      if (address === undefined) throw new Error("no wallet connected");
      if (appConfig.docsUrl === undefined) throw new Error("no document store configured (VITE_DOCS_URL)");
      const digest = documentDigest(bytes);
      let declined = false;
      await uploadDocument(
        appConfig.docsUrl,
        bytes,
        {
          address,
          signMessage: async (message) => {
            const signature = await signText(message);
            if (signature === undefined) {
              declined = true;
              throw new Error("declined");
            }
            return signature;
          },
        },
        { digest },
      ).catch((error: unknown) => {
        if (!declined) throw error;
      });
      return declined ? undefined : digest;
    },
    [address, signText],
  );
}
