/**
 * The one place the app reads its configuration (build-time VITE_* variables, checked by parseConfig).
 * vite.config.ts runs the same check on the build's environment, so a bad value never reaches a page.
 */
import { isLoopbackUrl, parseConfig } from "./lib/config";

export type { AppConfig } from "./lib/config";

export const config = parseConfig(import.meta.env);

/** The chain is on this computer (`npm start`): pages may give developer hints ("run npm start"). */
export const chainIsLocal = isLoopbackUrl(config.rpcUrl);
