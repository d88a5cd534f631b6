import type { zhCN } from "./zh-CN";

/** The shape of a catalogue: zh-CN's keys with string values, so tsc already flags a missing English key. */
export type Catalogue = Widen<typeof zhCN>;
type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const LANGUAGES = ["zh-CN", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "zh-CN";
/** Where the reader's choice is remembered. */
export const LANGUAGE_STORAGE_KEY = "govchain.language";
