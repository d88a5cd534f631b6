/**
 * The portal's formatting of amounts, shares and durations for people, in the reader's language. Pure.
 * Amounts arrive as decimal strings of token units (the payment token's `decimals` from the chain) and
 * are formatted exactly, never through a float, except in the compact form used by charts.
 */

/** 86000000n units with 2 decimals → "860000.00" (exact). */
export function unitsToDecimalString(units: string | bigint, decimals: number): string {
  const value = BigInt(units);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  return `${negative ? "-" : ""}${whole}${decimals > 0 ? `.${fraction}` : ""}`;
}

/** An amount of the payment token in yuan: "8,600,000.00 元" in Chinese, "CNY 8,600,000.00" in English. */
export function formatAmount(units: string | bigint, decimals: number, locale: string): string {
  const decimal = unitsToDecimalString(units, decimals);
  const number = new Intl.NumberFormat(locale, { minimumFractionDigits: Math.min(decimals, 2), maximumFractionDigits: decimals })
    // Intl formats decimal strings exactly (ES2023); the cast is for TypeScript's older signature.
    .format(decimal as unknown as number);
  return locale.startsWith("zh") ? `${number} 元` : `CNY ${number}`;
}

/** A short amount for figures and chart labels: "860万元", "1.2亿元"; "CNY 8.6M". */
export function formatAmountCompact(units: string | bigint, decimals: number, locale: string): string {
  return formatYuanCompact(Number(unitsToDecimalString(units, decimals)), locale);
}

/** A number of yuan, short (chart axes): "860万元", "CNY 8.6M". */
export function formatYuanCompact(yuan: number, locale: string): string {
  // Three significant digits: "3790万元", "8.6M": enough for a figure, short enough for a tile or an axis.
  const number = new Intl.NumberFormat(locale, { notation: "compact", maximumSignificantDigits: 3 }).format(yuan);
  return locale.startsWith("zh") ? `${number}元` : `CNY ${number}`;
}

/** Basis points as a percentage: 3000 → "30%", 1234 → "12.3%". */
export function formatBps(bps: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(bps / 10_000);
}

/** A duration in seconds in the largest sensible unit: "3.5 天" / "3.5 days", "5 小时" / "5 hours", "12 分钟". */
export function formatDuration(seconds: number, locale: string): string {
  const unit = seconds >= 86_400 ? "day" : seconds >= 3_600 ? "hour" : "minute";
  const size = unit === "day" ? 86_400 : unit === "hour" ? 3_600 : 60;
  return new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "long", maximumFractionDigits: 1 }).format(seconds / size);
}

/** A Unix time in seconds as the locale's date (no time): "2026年1月5日", "Jan 5, 2026". */
export function formatDate(seconds: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(seconds * 1000));
}

/** A "YYYY-MM" month on two lines for chart axes: "1月\n2026年", "Jan\n2026". */
export function formatMonthTick(month: string, locale: string): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  const part = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }).format(date);
  return `${part({ month: "short" })}\n${part({ year: "numeric" })}`;
}

/** A "YYYY-MM" month as the locale writes it: "2026年1月", "Jan 2026". */
export function formatMonth(month: string, locale: string): string {
  const [year, monthNumber] = month.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", timeZone: "UTC" }).format(new Date(Date.UTC(year, monthNumber - 1, 1)));
}

/** A title or text in the reader's language, falling back to the other one. */
export function localized(value: { zh: string; en: string } | null | undefined, locale: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  const first = locale.startsWith("zh") ? value.zh : value.en;
  return first !== "" ? first : locale.startsWith("zh") ? value.en : value.zh;
}
