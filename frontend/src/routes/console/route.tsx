/**
 * The officials' console (issue 15): a lazily loaded chunk, the only part of the app that will load
 * wallet code. It will render its own <WagmiProvider> with a config that adds the connectors (EIP-6963
 * injected wallets; on the local chain only, the development accounts) to `chainTransports` from
 * src/wagmi.ts, so the public pages never import a connector.
 */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

export function Component() {
  const { t } = useTranslation();
  return (
    <div className="container page page--narrow">
      <h1>{t("console.heading")}</h1>
      <p>{t("console.body")}</p>
      <p>
        <Link to="/">{t("console.back")}</Link>
      </p>
    </div>
  );
}
