import { useTranslation } from "react-i18next";

import { isLanguage, LANGUAGES, setLanguage } from "../i18n";

/** Two buttons, one per language, in a labelled group; the current one is pressed. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : undefined;
  const names = { "zh-CN": t("language.zhCN"), en: t("language.en") } as const;
  return (
    <div role="group" aria-label={t("language.label")} className="language-switch">
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={current === language}
          onClick={() => void setLanguage(language)}
        >
          {names[language]}
        </button>
      ))}
    </div>
  );
}
