/**
 * The links a licence's QR code carries, and how a scanned or typed text is read back: a link to a
 * licence page (`/licences/<id>` or `/verify/licence/<id>`, on this portal or another copy of it) or a
 * licence number (`<type code>-<year>-<6-digit sequence>`, e.g. BL-2026-000001).
 */

/** The path of a licence's public page (what its QR code points to). */
export function licencePath(licenceId: bigint): string {
  return `/licences/${licenceId.toString()}`;
}

/** The absolute link a licence's QR code carries: its page on the portal at `origin`. */
export function licenceLink(origin: string, licenceId: bigint): string {
  return new URL(licencePath(licenceId), origin).toString();
}

/** A licence number as the registry prints it (lib/licensing.ts formatLicenseNumber). */
export const LICENCE_NUMBER_PATTERN = /^[A-Z0-9_-]{2,16}-[0-9]{4}-[0-9]{6,}$/;

export type LicenceReference =
  /** A link to a licence page; `host` is set when it names another site than this portal. */
  { readonly kind: "id"; readonly id: bigint; readonly host?: string } | { readonly kind: "number"; readonly number: string };

const LICENCE_PAGE = /^\/(?:licences|verify\/licence)\/([0-9]{1,78})\/?$/;

/** A licence id as it appears in a page path: a positive decimal integer. */
export function parseLicenceId(text: string): bigint | undefined {
  return /^[1-9][0-9]{0,77}$/.test(text) ? BigInt(text) : undefined;
}

/**
 * What a QR code or a typed text refers to, or undefined if it is neither a licence link nor a licence
 * number. Only the id is taken from a link: the licence is then read from the chain by this portal, so a
 * code pointing elsewhere cannot show a forged page here (its `host` is reported to the reader).
 */
export function parseLicenceReference(text: string, currentOrigin: string): LicenceReference | undefined {
  const trimmed = text.trim();
  const number = trimmed.toUpperCase();
  if (LICENCE_NUMBER_PATTERN.test(number)) return { kind: "number", number };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  const match = LICENCE_PAGE.exec(url.pathname);
  const id = match === null ? undefined : parseLicenceId(match[1]);
  if (id === undefined) return undefined;
  return url.origin === new URL(currentOrigin).origin ? { kind: "id", id } : { kind: "id", id, host: url.host };
}
