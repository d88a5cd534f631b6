import { Trans, useTranslation } from "react-i18next";

import { chainIsLocal, config } from "../config";
import type { ChainStatus } from "../hooks/useChainStatus";
import { Notice } from "./Notice";

/** Says plainly when the chain cannot be read, or is not the configured one; nothing when all is well. */
export function ChainBanner({ status }: { status: ChainStatus }) {
  const { t } = useTranslation();
  if (status.node === "down") {
    return (
      <Notice kind="alert" title={t("banner.unreachableTitle")}>
        <p>{t("banner.unreachableBody", { url: config.rpcUrl })}</p>
        {chainIsLocal && (
          <p>
            <Trans i18nKey="banner.unreachableLocal" components={{ code: <code /> }} />
          </p>
        )}
      </Notice>
    );
  }
  if (status.node === "wrong-chain") {
    return (
      <Notice kind="warning" title={t("banner.wrongChainTitle")}>
        <p>{t("banner.wrongChainBody", { expected: config.chainId, actual: status.nodeChainId ?? "?", url: config.rpcUrl })}</p>
      </Notice>
    );
  }
  return null;
}
