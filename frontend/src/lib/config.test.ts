import { describe, expect, it } from "vitest";

import envExample from "../../.env.example?raw";
import { CONFIG_DEFAULTS, ConfigError, isLoopbackUrl, parseConfig } from "./config";

describe("parseConfig", () => {
  it("gives the local platform's defaults when nothing is set, or a variable is empty", () => {
    const expected = { chainId: 86086, rpcUrl: "http://127.0.0.1:8545", chainName: "govchain local", apiUrl: undefined, docsUrl: undefined };
    expect(parseConfig({})).toEqual(expected);
    expect(parseConfig({ VITE_CHAIN_ID: "", VITE_RPC_URL: "", VITE_API_URL: "" })).toEqual(expected);
  });

  it("reads every variable, trims it and drops a trailing slash from URLs", () => {
    expect(
      parseConfig({
        VITE_CHAIN_ID: " 86000 ",
        VITE_RPC_URL: "https://rpc.gov.example/",
        VITE_CHAIN_NAME: "govchain 政务链",
        VITE_API_URL: "http://127.0.0.1:42069/",
        VITE_DOCS_URL: "https://docs.gov.example/store",
      }),
    ).toEqual({
      chainId: 86000,
      rpcUrl: "https://rpc.gov.example",
      chainName: "govchain 政务链",
      apiUrl: "http://127.0.0.1:42069",
      docsUrl: "https://docs.gov.example/store",
    });
  });

  it.each([
    ["VITE_CHAIN_ID", "0x1"],
    ["VITE_CHAIN_ID", "0"],
    ["VITE_CHAIN_ID", "-5"],
    ["VITE_CHAIN_ID", "12.5"],
    ["VITE_CHAIN_ID", "031337"],
    ["VITE_CHAIN_ID", "9007199254740993"],
    ["VITE_RPC_URL", "127.0.0.1:8545"],
    ["VITE_RPC_URL", "ws://127.0.0.1:8545"],
    ["VITE_RPC_URL", "http://user:secret@127.0.0.1:8545"],
    ["VITE_API_URL", "not a url"],
    ["VITE_DOCS_URL", "ftp://files.example"],
    ["VITE_CHAIN_NAME", "x".repeat(65)],
  ])("refuses %s=%s with an error naming the variable", (variable, value) => {
    let error: unknown;
    try {
      parseConfig({ [variable]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message).toMatch(new RegExp(`^${variable} `));
    expect((error as Error).message).toContain(".env.example");
  });

  it("refuses a value that is not a string", () => {
    expect(() => parseConfig({ VITE_CHAIN_ID: 5 })).toThrow(ConfigError);
  });

  it("tells a URL on this computer from one elsewhere", () => {
    expect(isLoopbackUrl("http://127.0.0.1:8545")).toBe(true);
    expect(isLoopbackUrl("http://127.1.2.3")).toBe(true);
    expect(isLoopbackUrl("http://localhost:8545")).toBe(true);
    expect(isLoopbackUrl("http://[::1]:8545")).toBe(true);
    expect(isLoopbackUrl("https://rpc.gov.example")).toBe(false);
    expect(isLoopbackUrl("http://10.0.0.11:8545")).toBe(false);
    expect(isLoopbackUrl("http://127.0.0.1.example.com")).toBe(false);
  });

  it(".env.example documents exactly the variables read, with the defaults in force", () => {
    const documented = Object.fromEntries(
      envExample
        .split("\n")
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    expect(documented).toEqual(CONFIG_DEFAULTS);
  });
});
