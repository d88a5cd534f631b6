/**
 * The officials' console (issue 15): a lazily loaded chunk, the only part of the app that loads wallet
 * code. The console (src/console/) renders its own <WagmiProvider> with the wallet connectors, sharing
 * `chainTransports` from src/wagmi.ts, so the public pages never import a connector.
 */
import "../../console/i18n";

export { Console as Component } from "../../console/Console";
