/**
 * The dApp's configuration, fixed at build time from Vite's environment (VITE_*). Pure: src/config.ts
 * applies it to `import.meta.env` for the app, and vite.config.ts to the build's environment, so a bad
 * value stops `vite build` / `vite` before any page is served.
 */

export interface AppConfig {
  /** The chain the dApp reads and the console signs on. */
  readonly chainId: number;
  /** The chain's JSON-RPC endpoint (http or https). */
  readonly rpcUrl: string;
  /** The chain's name, as a wallet shows it. */
  readonly chainName: string;
  /** The public data service (indexer), when there is one. */
  readonly apiUrl: string | undefined;
  /** The document store (IPFS trustless-gateway form), when there is one. */
  readonly docsUrl: string | undefined;
}

/**
 * The chain id of the local platform (`npm start`, anvil). Only a build for this chain id carries the
 * console's development-accounts connector (vite.config.ts decides at build time).
 */
export const LOCAL_CHAIN_ID = 86086;

/** The environment variables read, each with the local platform's default (`npm start`); see .env.example. */
export const CONFIG_DEFAULTS = {
  VITE_CHAIN_ID: String(LOCAL_CHAIN_ID),
  VITE_RPC_URL: "http://127.0.0.1:8545",
  VITE_CHAIN_NAME: "govchain local",
  VITE_API_URL: "",
  VITE_DOCS_URL: "",
} as const;

export type ConfigVariable = keyof typeof CONFIG_DEFAULTS;

export class ConfigError extends Error {
  constructor(
    readonly variable: ConfigVariable,
    problem: string,
  ) {
    super(`${variable} ${problem}: fix it in frontend/.env (see frontend/.env.example) or in the environment of the build`);
    this.name = "ConfigError";
  }
}

function httpUrl(variable: ConfigVariable, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(variable, `is not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(variable, `must be an http:// or https:// URL, not ${JSON.stringify(value)}`);
  }
  if (url.username !== "" || url.password !== "") {
    // The value ends up in the public bundle: a credential here would be published.
    throw new ConfigError(variable, "must not contain a user name or password (it is published in the bundle)");
  }
  return value.replace(/\/+$/, "");
}

/** Whether a URL points at this computer (the local platform of `npm start`), where developer hints make sense. */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "localhost" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Reads and checks the configuration. An unset or empty variable takes its default; anything else must
 * be valid, or this throws a ConfigError naming the variable.
 */
export function parseConfig(env: Readonly<Record<string, unknown>>): AppConfig {
  const read = (variable: ConfigVariable): string => {
    const value = env[variable];
    if (value === undefined || value === "") return CONFIG_DEFAULTS[variable];
    if (typeof value !== "string") throw new ConfigError(variable, "must be a string");
    return value.trim();
  };

  const chainIdText = read("VITE_CHAIN_ID");
  if (!/^[1-9][0-9]*$/.test(chainIdText)) {
    throw new ConfigError("VITE_CHAIN_ID", `must be a positive decimal integer, not ${JSON.stringify(chainIdText)}`);
  }
  const chainId = Number(chainIdText);
  if (!Number.isSafeInteger(chainId)) throw new ConfigError("VITE_CHAIN_ID", `is too large: ${chainIdText}`);

  const chainName = read("VITE_CHAIN_NAME");
  if (chainName.length === 0 || chainName.length > 64) throw new ConfigError("VITE_CHAIN_NAME", "must be 1 to 64 characters");

  const optionalUrl = (variable: ConfigVariable) => {
    const value = read(variable);
    return value === "" ? undefined : httpUrl(variable, value);
  };

  return {
    chainId,
    rpcUrl: httpUrl("VITE_RPC_URL", read("VITE_RPC_URL")),
    chainName,
    apiUrl: optionalUrl("VITE_API_URL"),
    docsUrl: optionalUrl("VITE_DOCS_URL"),
  };
}
