/**
 * The off-chain documents whose SHA-256 the contracts record: tender metadata (title, description and
 * items in both languages, and the digests of the tender's documents), delivery reports and complaint
 * texts. One format each, defined once, so the seed script, the indexer and the portal read and write
 * the same bytes. Pure: bundles for the browser.
 *
 * A tender's `documentsDigest` on chain is the SHA-256 of its metadata file (canonical JSON, below);
 * the metadata lists every tender document by its own digest, so the one digest on chain anchors them all.
 */
import { documentDigest, type Hex } from "./hashing.js";

export interface Localized {
  zh: string;
  en: string;
}

export interface DocumentRef {
  /** File name as published, e.g. "招标文件.pdf". */
  name: string;
  /** SHA-256 of the file's bytes (0x-hex), which is also its address in the document store. */
  digest: Hex;
  mediaType: string;
  size: number;
}

export interface TenderItem {
  description: Localized;
  quantity: number;
  unit: Localized;
}

export interface TenderMetadata {
  format: "govchain-tender-metadata-1";
  title: Localized;
  description: Localized;
  /** OCDS mainProcurementCategory: goods, works or services. */
  category: "goods" | "works" | "services";
  items: TenderItem[];
  /** The milestones' descriptions, in order (their digests are on chain). */
  milestones: Localized[];
  documents: DocumentRef[];
}

export interface TextDocument {
  format: "govchain-text-1";
  kind: "delivery-report" | "complaint" | "complaint-resolution" | "rejection" | "milestone";
  tenderId?: string;
  text: Localized;
}

/**
 * Canonical JSON: keys sorted at every level, no whitespace, UTF-8. Two parties serialising the same
 * value get the same bytes, hence the same digest.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** The bytes of a JSON document as published, and their digest. */
export function encodeDocument(value: TenderMetadata | TextDocument): { bytes: Uint8Array; digest: Hex } {
  const bytes = new TextEncoder().encode(canonicalJson(value));
  return { bytes, digest: documentDigest(bytes) };
}

function isLocalized(v: unknown): v is Localized {
  return typeof v === "object" && v !== null && typeof (v as Localized).zh === "string" && typeof (v as Localized).en === "string";
}

/**
 * Parses tender metadata fetched from a store, after its digest was checked against the chain. Throws a
 * plain-language error for anything that is not the format (the caller shows it as unverifiable).
 */
export function parseTenderMetadata(bytes: Uint8Array): TenderMetadata {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new Error("the tender metadata is not UTF-8 JSON");
  }
  const m = value as Partial<TenderMetadata>;
  if (m.format !== "govchain-tender-metadata-1") throw new Error("the tender metadata has an unknown format");
  if (!isLocalized(m.title) || !isLocalized(m.description)) throw new Error("the tender metadata lacks a title or description in both languages");
  if (m.category !== "goods" && m.category !== "works" && m.category !== "services") throw new Error("the tender metadata has no valid category");
  if (!Array.isArray(m.items) || !m.items.every((i) => isLocalized(i?.description) && isLocalized(i?.unit) && Number.isFinite(i?.quantity))) {
    throw new Error("the tender metadata's items are malformed");
  }
  if (!Array.isArray(m.milestones) || !m.milestones.every(isLocalized)) throw new Error("the tender metadata's milestones are malformed");
  if (
    !Array.isArray(m.documents) ||
    !m.documents.every((d) => typeof d?.name === "string" && /^0x[0-9a-f]{64}$/.test(d?.digest ?? "") && typeof d?.mediaType === "string")
  ) {
    throw new Error("the tender metadata's document list is malformed");
  }
  return m as TenderMetadata;
}
