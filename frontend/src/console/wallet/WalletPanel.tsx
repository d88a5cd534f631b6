/**
 * Connecting a wallet: every injected wallet that announced itself (EIP-6963), and on the local chain
 * the development accounts; once connected, the account, a disconnect button and, when the wallet is
 * on another chain, the prompt to switch to (or add) the configured network.
 */
import { useState } from "react";
import { useConnect, useConnection, useConnectors, useDisconnect, useSwitchChain } from "wagmi";

import { Notice } from "../../components/Notice";
import { config as appConfig } from "../../config";
import { devAccounts } from "../consoleWagmi";
import { useConsoleT } from "../i18n";

export function WalletPanel() {
  const { t } = useConsoleT();
  const connection = useConnection();
  const connectors = useConnectors();
  const connect = useConnect();
  const disconnect = useDisconnect();
  const [devIndex, setDevIndex] = useState(() => devAccounts?.provider.selected() ?? 0);

  const injectedWallets = connectors.filter((connector) => connector.id !== devAccounts?.connectorId);
  const devConnector = connectors.find((connector) => connector.id === devAccounts?.connectorId);
  const connected = connection.status === "connected";
  const devLabel = devAccounts?.accounts.find((account) => account.index === devIndex)?.label;

  const chooseDevAccount = (index: number) => {
    setDevIndex(index);
    // Already connected through the development accounts: switch like a wallet's account menu does.
    if (connected && connection.connector?.id === devAccounts?.connectorId) devAccounts?.provider.select(index);
  };

  return (
    <section className="panel console-wallet" aria-labelledby="console-wallet-heading">
      <h2 id="console-wallet-heading">{t("wallet.heading")}</h2>
      {connected ? (
        <div className="console-wallet__connected">
          <p>
            {t("wallet.connected")}:{" "}
            <code className="address" data-testid="connected-address">
              {connection.address}
            </code>
            {connection.connector?.id === devAccounts?.connectorId && devLabel !== undefined && <span className="badge">{devLabel}</span>}
            <span className="console-wallet__connector">{connection.connector?.name}</span>
          </p>
          <button type="button" className="button button--secondary" onClick={() => disconnect.mutate()}>
            {t("wallet.disconnect")}
          </button>
        </div>
      ) : (
        <div className="console-wallet__choices">
          {injectedWallets.length === 0 && <p>{t("wallet.noWallet")}</p>}
          {injectedWallets.map((connector) => (
            <button
              key={connector.uid}
              type="button"
              className="button"
              disabled={connect.isPending}
              onClick={() => connect.mutate({ connector, chainId: appConfig.chainId })}
            >
              {connector.icon !== undefined && <img src={connector.icon} alt="" width={20} height={20} />}
              {t("wallet.connectWith", { name: connector.name })}
            </button>
          ))}
          {connect.isPending && <p role="status">{t("wallet.connecting")}</p>}
          {connect.error !== null && (
            <p className="console-error__sentence" role="alert">
              {t("wallet.connectFailed", {
                message: connect.error.message.split("\n")[0],
              })}
            </p>
          )}
        </div>
      )}
      {devAccounts !== undefined && devConnector !== undefined && (!connected || connection.connector?.id === devAccounts.connectorId) && (
        <div className="console-dev">
          <h3>{t("wallet.devHeading")}</h3>
          <p className="console-hint">{t("wallet.devHint", { chainId: appConfig.chainId })}</p>
          <label>
            {t("wallet.devAccount")}{" "}
            <select value={devIndex} onChange={(event) => chooseDevAccount(Number(event.target.value))} data-testid="dev-account">
              {devAccounts.accounts.map((account) => (
                <option key={account.index} value={account.index}>
                  #{account.index} {account.label}
                </option>
              ))}
            </select>
          </label>{" "}
          {!connected && (
            <button
              type="button"
              className="button"
              onClick={() => {
                devAccounts?.provider.select(devIndex);
                connect.mutate({
                  connector: devConnector,
                  chainId: appConfig.chainId,
                });
              }}
            >
              {t("wallet.devConnect")}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

/** The prompt to switch the wallet to the configured network (wagmi adds it to the wallet when unknown). */
export function NetworkPrompt() {
  const { t } = useConsoleT();
  const connection = useConnection();
  const switchChain = useSwitchChain();
  if (connection.status !== "connected" || connection.chainId === appConfig.chainId) return null;
  return (
    <Notice kind="warning" title={t("network.wrongTitle")}>
      <p>
        {t("network.wrongBody", {
          current: connection.chainId,
          name: appConfig.chainName,
          chainId: appConfig.chainId,
          rpcUrl: appConfig.rpcUrl,
        })}
      </p>
      <button type="button" className="button" disabled={switchChain.isPending} onClick={() => switchChain.mutate({ chainId: appConfig.chainId })}>
        {switchChain.isPending ? t("network.switching") : t("network.switch", { name: appConfig.chainName })}
      </button>
      {switchChain.error !== null && (
        <p role="alert">
          {t("network.switchFailed", {
            message: switchChain.error.message.split("\n")[0],
          })}
        </p>
      )}
    </Notice>
  );
}
