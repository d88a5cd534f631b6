import { Trans, useTranslation } from "react-i18next";

import { chainIsLocal, config } from "../config";
import { useDeployedContracts } from "../hooks/useDeployedContracts";
import { zhCN } from "../i18n/zh-CN";
import { formatInteger } from "../lib/format";
import { CopyButton } from "./CopyButton";
import { Notice } from "./Notice";

type DescribedContract = keyof typeof zhCN.contracts.descriptions;
const isDescribed = (name: string): name is DescribedContract => Object.hasOwn(zhCN.contracts.descriptions, name);

/** The platform's contracts on the configured chain, from the generated deployments file. */
export function ContractsTable() {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? "zh-CN";
  const { contracts, knownChains } = useDeployedContracts();

  return (
    <section className="panel" aria-labelledby="contracts-heading">
      <h2 id="contracts-heading">{t("contracts.heading")}</h2>
      <p className="panel__lead">{t("contracts.description")}</p>
      {contracts === undefined || contracts.length === 0 ? (
        <Notice kind="info" title={t("contracts.noneTitle")}>
          <p>{t("contracts.noneBody", { chainId: config.chainId })}</p>
          <p>{chainIsLocal ? <Trans i18nKey="contracts.noneLocal" components={{ code: <code /> }} /> : t("contracts.noneRemote")}</p>
          {knownChains.length > 0 && (
            <p>
              <Trans i18nKey="contracts.otherChains" values={{ chains: knownChains.join(", ") }} components={{ code: <code /> }} />
            </p>
          )}
        </Notice>
      ) : (
        // Explicit roles keep the table's semantics when narrow screens restyle its rows as cards.
        <table className="contracts" role="table">
          <caption className="visually-hidden">{t("contracts.caption", { chainId: config.chainId })}</caption>
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">
                {t("contracts.name")}
              </th>
              <th scope="col" role="columnheader">
                {t("contracts.address")}
              </th>
              <th scope="col" role="columnheader" className="numeric">
                {t("contracts.deployedBlock")}
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {contracts.map((contract) => (
              <tr key={contract.name} role="row">
                <th scope="row" role="rowheader">
                  <span className="contract-name" lang="en">
                    {contract.name}
                  </span>
                  {isDescribed(contract.name) && <span className="contract-description">{t(`contracts.descriptions.${contract.name}`)}</span>}
                </th>
                <td role="cell" data-label={t("contracts.address")}>
                  <span className="address">
                    <code>{contract.address}</code>
                    <CopyButton value={contract.address} label={t("contracts.copyLabel", { name: contract.name })} />
                  </span>
                </td>
                <td role="cell" data-label={t("contracts.deployedBlock")} className="numeric tabular">
                  {formatInteger(contract.deployedBlock, locale)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
