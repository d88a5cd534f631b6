import type { Hex } from "@lib/hashing";
import { formatUnits, hexToString } from "viem";

import type { Language } from "../../i18n";

/** A bytes32 label (label32) as text, or the hex when it is not printable text. */
export function labelText(value: Hex): string {
  try {
    const text = hexToString(value, { size: 32 }).replace(/\0+$/, "");
    return /^[\p{L}\p{N}\p{P}\p{Zs}]+$/u.test(text) ? text : value;
  } catch {
    return value;
  }
}

/** A Unix time as a local date and time in the reader's language. */
export function formatTime(seconds: bigint | number, language: Language): string {
  return new Date(Number(seconds) * 1000).toLocaleString(language, {
    dateStyle: "medium",
    timeStyle: "short",
  });
}

export const ZERO_BYTES32: Hex = `0x${"0".repeat(64)}`;

/** A token amount in whole units with grouped digits ("1,000,000.5"), exact for any size (no float). */
export function formatAmount(value: bigint, decimals: number): string {
  const text = formatUnits(value, decimals);
  const [whole, fraction] = text.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A `datetime-local` input's value (the reader's local time, to the second) → unix seconds. */
export const toUnix = (local: string) => Math.floor(new Date(local).getTime() / 1000);
/** A date as a `datetime-local` input's value, in the reader's local time. */
export const localInput = (date: Date) => new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
