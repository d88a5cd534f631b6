/**
 * The console's strings, an i18next namespace of their own ("console") added when the console's chunk
 * loads, so the public pages never download them.
 */
import i18next from "i18next";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";

import { isLanguage, type Language } from "../../i18n";
import { consoleEn } from "./en";
import { consoleZhCN } from "./zh-CN";

type Widen<T> = {
  readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]>;
};
export type ConsoleCatalogue = Widen<typeof consoleZhCN>;

type Leaves<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
export type ConsoleKey = Leaves<typeof consoleZhCN>;

export const CONSOLE_NAMESPACE = "console";
i18next.addResourceBundle("zh-CN", CONSOLE_NAMESPACE, consoleZhCN, true, true);
i18next.addResourceBundle("en", CONSOLE_NAMESPACE, consoleEn, true, true);

/** `t` over the console's keys (checked by tsc), and the reader's language. */
export function useConsoleT() {
  const { t, i18n } = useTranslation(CONSOLE_NAMESPACE as never);
  const translate = useCallback((key: ConsoleKey, values?: Record<string, unknown>) => (t as unknown as (k: string, v?: object) => string)(key, values), [t]);
  const language: Language = isLanguage(i18n.language) ? i18n.language : "zh-CN";
  return { t: translate, language };
}
