/**
 * A decoded error as a clerk reads it (a sentence in the reader's language, arguments filled in) and as
 * a developer does (technical name and arguments, shown on demand).
 */
import type { Language } from "../../i18n";
import type { DecodedError } from "./decode";
import { ERROR_MESSAGES } from "./messages";

/** Arguments whose names say they are Unix times (deadlines, "…At", "since", …). */
const TIME_ARGUMENT = /(deadline|At$|^since$|^until$|^resolveBy$|^now_$|^latest$|^validFrom$|^validUntil$)/;

function formatArgument(name: string, value: unknown, language: Language): string {
  if (typeof value === "bigint" && TIME_ARGUMENT.test(name) && value > 0n && value < 1n << 40n) {
    return new Date(Number(value) * 1000).toLocaleString(language, {
      dateStyle: "medium",
      timeStyle: "short",
    });
  }
  if (typeof value === "boolean") return language === "zh-CN" ? (value ? "是" : "否") : String(value);
  if (typeof value === "string" && /^0x[0-9a-fA-F]{40}$/.test(value)) return `${value.slice(0, 6)}…${value.slice(-4)}`;
  if (typeof value === "string" && /^0x[0-9a-fA-F]{64}$/.test(value)) return `${value.slice(0, 10)}…`;
  return String(value);
}

/** Arguments that hold a department id (shown by name when the caller can resolve it). */
const DEPARTMENT_ARGUMENT = /^(departmentId|issuingDepartment|grantedTo|callerDepartment|expected)$/;

/**
 * The sentence for a custom error, with `{name}` replaced by its arguments; undefined if none is
 * catalogued. `departmentName` turns a department id into its name (from the directory), when known.
 */
export function errorSentence(
  name: string,
  args: Readonly<Record<string, unknown>>,
  language: Language,
  departmentName?: (id: number) => string | undefined,
): string | undefined {
  const message = Object.hasOwn(ERROR_MESSAGES, name) ? ERROR_MESSAGES[name] : undefined;
  if (message === undefined) return undefined;
  const template = language === "zh-CN" ? message[0] : message[1];
  const sentence = template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    if (!Object.hasOwn(args, key)) return whole;
    if (DEPARTMENT_ARGUMENT.test(key) && typeof args[key] === "number") {
      return departmentName?.(args[key]) ?? (language === "zh-CN" ? `部门 ${args[key]}` : `department ${args[key]}`);
    }
    return formatArgument(key, args[key], language);
  });
  // English sentences may start with a department's name or fallback ("department 3 is …").
  return language === "en" ? sentence.charAt(0).toUpperCase() + sentence.slice(1) : sentence;
}

/** The technical form: `Name(arg=value, …)`. */
export function technicalForm(error: DecodedError): string {
  switch (error.kind) {
    case "custom":
      return `${error.name}(${Object.entries(error.args)
        .map(([key, value]) => `${key}=${String(value)}`)
        .join(", ")}) [${error.selector}]`;
    case "reason":
      return `Error("${error.reason}")`;
    case "panic":
      return `Panic(0x${error.code.toString(16)})`;
    case "unknown-revert":
      return `revert ${error.data}`;
    case "other":
      return error.message;
    case "rejected":
      return "UserRejectedRequestError (4001)";
  }
}
