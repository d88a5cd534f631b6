/**
 * Every tender's OCDS record, fetched page by page from GET /ocds/records (following `links.next`) and
 * merged into one record package, as the OCDS "record package" of the whole publication. Pure apart from `fetch`.
 */
import { apiGet } from "./api";

interface RecordPage {
  uri?: string;
  version: string;
  publishedDate: string;
  publisher: unknown;
  records: unknown[];
  links?: { next?: string };
  [field: string]: unknown;
}

export const BULK_PAGE_SIZE = 100;

/** The path and query of `next` when it is a page of the same service (the only URLs followed). */
function nextPath(apiUrl: string, next: string | undefined): string | undefined {
  if (next === undefined) return undefined;
  const base = new URL(apiUrl);
  const url = new URL(next, base);
  if (url.origin !== base.origin) throw new Error(`links.next points outside the data service: ${next}`);
  const prefix = base.pathname.replace(/\/+$/, "");
  return `${url.pathname.slice(prefix.length)}${url.search}`;
}

export async function fetchAllRecords(
  apiUrl: string | undefined,
  onProgress: (records: number) => void,
  options: { fetch?: typeof fetch; signal?: AbortSignal } = {},
): Promise<{ package: RecordPage; count: number }> {
  if (apiUrl === undefined) throw new Error("no data service is configured (VITE_API_URL)");
  let path: string | undefined = `/ocds/records?limit=${BULK_PAGE_SIZE}`;
  let first: RecordPage | undefined;
  const records: unknown[] = [];
  const seen = new Set<string>();
  while (path !== undefined) {
    if (seen.has(path)) throw new Error(`the data service returned the same page twice: ${path}`);
    seen.add(path);
    const { data }: { data: RecordPage } = await apiGet<RecordPage>(apiUrl, path, options);
    first ??= data;
    records.push(...data.records);
    onProgress(records.length);
    path = nextPath(apiUrl, data.links?.next);
  }
  const { links: _links, uri: _uri, ...head } = first!;
  return { package: { ...head, records }, count: records.length };
}
