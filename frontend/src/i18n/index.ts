/**
 * i18next with zh-CN (default) and English. The reader's choice is remembered in localStorage and
 * `<html lang>` and the document title follow the language.
 */
import i18next from "i18next";
import { initReactI18next } from "react-i18next";

import { en } from "./en";
import { DEFAULT_LANGUAGE, type Language, LANGUAGE_STORAGE_KEY, LANGUAGES } from "./types";
import { zhCN } from "./zh-CN";

export { DEFAULT_LANGUAGE, type Language, LANGUAGES } from "./types";

export const resources = {
  "zh-CN": { translation: zhCN },
  en: { translation: en },
} as const;

declare module "i18next" {
  interface CustomTypeOptions {
    resources: (typeof resources)["zh-CN"];
  }
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** The remembered language, or the default (storage can be unavailable: private mode, blocked cookies). */
export function storedLanguage(storage: Pick<Storage, "getItem"> | undefined): Language {
  try {
    const value = storage?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

function browserStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

function applyToDocument(language: string) {
  if (typeof document === "undefined") return;
  document.documentElement.lang = language;
  document.title = i18next.t("meta.title");
}

export async function setLanguage(language: Language) {
  await i18next.changeLanguage(language);
  try {
    browserStorage()?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not remembered, but switched: nothing to tell the reader.
  }
}

i18next.on("languageChanged", applyToDocument);

await i18next.use(initReactI18next).init({
  resources,
  lng: storedLanguage(browserStorage()),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false }, // React escapes.
  returnNull: false,
});

export default i18next;
