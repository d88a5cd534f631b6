/** Formatting for people, in the reader's language. Pure. */

/** A whole number with the locale's grouping: 1234567n → "1,234,567". */
export function formatInteger(value: bigint | number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** "0x1234…abcd": the start and end of an address or hash, for narrow places (the full value stays available). */
export function shortHex(value: string, keep = 4): string {
  if (!/^0x[0-9a-fA-F]*$/.test(value)) return value;
  if (value.length <= 2 + keep * 2 + 1) return value;
  return `${value.slice(0, 2 + keep)}…${value.slice(-keep)}`;
}

/**
 * How long ago a moment was, in words ("3 秒前", "2 minutes ago"), from two Unix times in seconds.
 * A moment slightly in the future (clock skew between the reader and the chain) reads as "now".
 */
export function formatAgo(thenSeconds: number | bigint, nowSeconds: number, locale: string): string {
  const elapsed = Math.max(0, Math.round(nowSeconds - Number(thenSeconds)));
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  if (elapsed < 60) return format.format(-elapsed, "second");
  if (elapsed < 3_600) return format.format(-Math.floor(elapsed / 60), "minute");
  if (elapsed < 86_400) return format.format(-Math.floor(elapsed / 3_600), "hour");
  return format.format(-Math.floor(elapsed / 86_400), "day");
}

/** A Unix time in seconds as the locale's date and time, in the reader's time zone unless one is given. */
export function formatDateTime(seconds: number | bigint, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium", timeZone }).format(new Date(Number(seconds) * 1000));
}
