/**
 * The Besu QBFT network kit: validator addresses from node public keys, the genesis `extraData`,
 * the genesis file and the per-node Besu configuration. Pure (no file system), so the generator script
 * and the tests compute exactly the same bytes.
 *
 * The kit works from node PUBLIC keys only (what `besu public-key export` prints). It never reads,
 * writes or needs a private key: each department generates its node key on its own machine.
 *
 * References (checked while writing this file):
 * - Genesis and extraData: https://besu.hyperledger.org/private-networks/how-to/configure/consensus/qbft
 *   ("Extra data": RLP([32 bytes Vanity, List<Validators>, No Vote, Round=Int(0), 0 Seals])).
 * - The codec itself: hyperledger/besu `QbftExtraDataCodec.encode` (consensus/qbft): vanity bytes, the
 *   validator list, an empty list when there is no vote, `writeIntScalar(round)` (so round 0 is the
 *   empty string 0x80, NOT the 4-byte 0x8400000000 of IBFT 2.0), then the list of seals.
 * - Genesis keys: https://besu.hyperledger.org/public-networks/reference/genesis-items and Besu's
 *   `JsonGenesisConfigOptions` / `JsonBftConfigOptions` (keys are read case-insensitively).
 * - Free gas: https://besu.hyperledger.org/private-networks/how-to/configure/free-gas
 *   (`zeroBaseFee` in the genesis, `min-gas-price=0` on every node).
 */
import { decodeRlp, encodeRlp, getAddress, keccak256, SigningKey, type RlpStructuredData } from "ethers";

import type { Hex } from "../../lib/hashing.js";

// ===== ERRORS =====

export type QbftErrorCode =
  | "QbftInputInvalid"
  | "QbftPublicKeyInvalid"
  | "QbftAddressInvalid"
  | "QbftValidatorsEmpty"
  | "QbftValidatorDuplicate"
  | "QbftChainIdInvalid"
  | "QbftParameterInvalid"
  | "QbftAllocInvalid"
  | "QbftAllocDuplicate"
  | "QbftDepartmentInvalid"
  | "QbftDepartmentDuplicate"
  | "QbftHostInvalid"
  | "QbftPortConflict"
  | "QbftExtraDataInvalid";

/** Every bad input gets one of these, with a code a test (or a caller) can match on. */
export class QbftConfigError extends Error {
  constructor(
    readonly code: QbftErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = "QbftConfigError";
  }
}

function fail(code: QbftErrorCode, message: string): never {
  throw new QbftConfigError(code, message);
}

// ===== CONSTANTS =====

/** The Istanbul mix hash ("ctical byzantine fault tolerance"), which marks a BFT (IBFT 2.0 / QBFT) genesis. */
export const QBFT_MIX_HASH: Hex = "0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365";
export const QBFT_VANITY: Hex = `0x${"00".repeat(32)}`;
export const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
export const ZERO_HASH: Hex = `0x${"00".repeat(32)}`;

/** The largest `contractSizeLimit` Besu accepts (genesis items reference). */
export const MAX_CONTRACT_SIZE_LIMIT = 2_147_483_647;
/** Besu keeps the block gas limit in a Java long. */
const MAX_GAS_LIMIT = (1n << 63n) - 1n;
/** A block must hold at least one plain transfer. */
const MIN_GAS_LIMIT = 21_000n;

export const QBFT_DEFAULTS = {
  /** Seconds between blocks. */
  blockPeriodSeconds: 2,
  /** Blocks between epoch transitions, where pending validator votes are discarded (Besu's default). */
  epochLength: 30_000,
  /** Round timeout; Besu's tuning guide starts at twice the block period. */
  requestTimeoutSeconds: 4,
  /**
   * EIP-170's 24 KiB, the limit Hardhat's simulated network applies too, so a contract that deploys in
   * the tests deploys on the chain. Raise it only with a reason (Besu allows up to 2147483647).
   */
  contractSizeLimit: 24_576,
  /** Same order as Ethereum's block gas limit at Cancun. */
  gasLimit: 30_000_000n,
  /** Where the node listens for P2P and JSON-RPC when the input does not say (four nodes on one machine). */
  host: "127.0.0.1",
  firstP2pPort: 30303,
  firstRpcPort: 8545,
} as const;

/**
 * Fork activation: every block-numbered fork from Homestead to London at block 0, then Shanghai and
 * Cancun by timestamp 0, so the chain runs Cancun from genesis (the EVM the contracts are compiled for).
 * Besu reads EIP-155 replay protection from `eip158Block` (Spurious Dragon); `eip155Block` is kept for the
 * other tools that read geth-style genesis files and is ignored by Besu.
 */
export const QBFT_FORKS = {
  homesteadBlock: 0,
  eip150Block: 0,
  eip155Block: 0,
  eip158Block: 0,
  byzantiumBlock: 0,
  constantinopleBlock: 0,
  petersburgBlock: 0,
  istanbulBlock: 0,
  muirGlacierBlock: 0,
  berlinBlock: 0,
  londonBlock: 0,
  arrowGlacierBlock: 0,
  grayGlacierBlock: 0,
  shanghaiTime: 0,
  cancunTime: 0,
} as const;

/** The JSON-RPC APIs every validator opens on 127.0.0.1. QBFT is for validator votes; nothing ADMIN or DEBUG. */
export const QBFT_RPC_APIS = ["ETH", "NET", "QBFT", "WEB3"] as const;

// ===== ADDRESSES AND KEYS =====

const HEX = /^[0-9a-fA-F]*$/;

function strip0x(value: string): string {
  return value.startsWith("0x") || value.startsWith("0X") ? value.slice(2) : value;
}

/**
 * A node public key as 0x + 128 lowercase hex: the 64-byte uncompressed point without the 0x04 prefix,
 * which is what Besu's `key.pub` holds and `besu public-key export` prints. Accepts it with or without
 * 0x and with or without the 04 prefix, and checks that it is a point on secp256k1 (a mistyped key would
 * otherwise give a valid-looking but wrong validator address).
 */
export function normalizePublicKey(publicKey: string): Hex {
  if (typeof publicKey !== "string") fail("QbftPublicKeyInvalid", `expected a hex string, got ${typeof publicKey}`);
  let hex = strip0x(publicKey.trim());
  if (!HEX.test(hex)) fail("QbftPublicKeyInvalid", `not hex: ${JSON.stringify(publicKey.slice(0, 20))}…`);
  if (hex.length === 130 && hex.startsWith("04")) hex = hex.slice(2);
  if (hex.length === 66) {
    fail("QbftPublicKeyInvalid", "compressed public keys are not accepted; give the 64-byte key from `besu public-key export`");
  }
  if (hex.length !== 128) {
    fail("QbftPublicKeyInvalid", `expected 64 bytes (128 hex digits), got ${hex.length} hex digits`);
  }
  try {
    SigningKey.computePublicKey(`0x04${hex}`, false);
  } catch {
    fail("QbftPublicKeyInvalid", `0x${hex.slice(0, 16)}… is not a point on secp256k1`);
  }
  return `0x${hex.toLowerCase()}`;
}

/** The node (= validator) address: the last 20 bytes of keccak256 of the 64-byte public key, checksummed. */
export function validatorAddressFromPublicKey(publicKey: string): string {
  const key = normalizePublicKey(publicKey);
  return getAddress(`0x${keccak256(key).slice(-40)}`);
}

/** A checksummed address; rejects anything but 20 bytes of hex (a wrong mixed-case checksum too). */
export function parseAddress(address: string, what = "address"): string {
  if (typeof address !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(address)) {
    fail("QbftAddressInvalid", `${what} must be 0x + 40 hex digits, got ${JSON.stringify(address)}`);
  }
  try {
    return getAddress(address);
  } catch {
    fail("QbftAddressInvalid", `${what} ${address} has a wrong checksum`);
  }
}

/** The enode URL other nodes use to reach a node: enode://<128 hex public key>@<ip>:<port>. */
export function enodeUrl(publicKey: string, host: string, port: number): string {
  return `enode://${strip0x(normalizePublicKey(publicKey))}@${parseHost(host)}:${parsePort(port, "p2p port")}`;
}

// ===== EXTRA DATA =====

/** The decoded QBFT `extraData` of a block header. */
export interface QbftExtraData {
  readonly vanity: Hex;
  readonly validators: string[];
  /** A validator vote carried by the block; none in a genesis block. */
  readonly vote: { readonly recipient: string; readonly add: boolean } | null;
  readonly round: number;
  readonly seals: Hex[];
}

/**
 * The genesis `extraData` for block-header validator selection, byte for byte what
 * `besu rlp encode --type=QBFT_EXTRA_DATA` writes: RLP([32 zero bytes, [validators], [], 0, []]).
 * The validators are encoded in the order given, as Besu does; `buildQbftGenesis` sorts them first.
 * An empty list is the extraData of contract validator selection.
 */
export function encodeQbftExtraData(validators: readonly string[]): Hex {
  const addresses = validators.map((v, i) => parseAddress(v, `validator ${i}`));
  assertNoDuplicates(addresses);
  // Round 0 as Besu's writeIntScalar writes it: the empty byte string (0x80).
  return encodeRlp([QBFT_VANITY, addresses.map((a) => a.toLowerCase()), [], "0x", []]) as Hex;
}

/** Decodes a QBFT `extraData` (any block's, not only genesis), checking the layout Besu's codec expects. */
export function decodeQbftExtraData(extraData: string): QbftExtraData {
  let decoded: RlpStructuredData;
  try {
    decoded = decodeRlp(extraData);
  } catch (error) {
    fail("QbftExtraDataInvalid", `not RLP: ${(error as Error).message}`);
  }
  if (!Array.isArray(decoded) || decoded.length !== 5) {
    fail("QbftExtraDataInvalid", "expected a list of 5 items (vanity, validators, vote, round, seals)");
  }
  const [vanity, validators, vote, round, seals] = decoded;
  if (typeof vanity !== "string" || vanity.length !== 66) fail("QbftExtraDataInvalid", "vanity must be 32 bytes");
  if (!Array.isArray(validators) || !validators.every((v) => typeof v === "string" && v.length === 42)) {
    fail("QbftExtraDataInvalid", "validators must be a list of 20-byte addresses");
  }
  if (!Array.isArray(vote)) fail("QbftExtraDataInvalid", "vote must be a list (empty when there is no vote)");
  let parsedVote: QbftExtraData["vote"] = null;
  if (vote.length > 0) {
    const [recipient, kind] = vote;
    if (vote.length !== 2 || typeof recipient !== "string" || recipient.length !== 42 || (kind !== "0xff" && kind !== "0x")) {
      fail("QbftExtraDataInvalid", "vote must be [address, 0xff (add) or empty (drop)]");
    }
    parsedVote = { recipient: getAddress(recipient), add: kind === "0xff" };
  }
  // A scalar: no leading zero byte, and 0 is the empty string (this is what tells QBFT from IBFT 2.0).
  if (typeof round !== "string" || round.startsWith("0x00") || round.length > 10) {
    fail("QbftExtraDataInvalid", `round must be an RLP scalar of at most 4 bytes, got ${JSON.stringify(round)}`);
  }
  if (!Array.isArray(seals) || !seals.every((s) => typeof s === "string")) {
    fail("QbftExtraDataInvalid", "seals must be a list of signatures");
  }
  return {
    vanity: vanity as Hex,
    validators: (validators as string[]).map((v) => getAddress(v)),
    vote: parsedVote,
    round: round === "0x" ? 0 : Number.parseInt(round.slice(2), 16),
    seals: seals as Hex[],
  };
}

function assertNoDuplicates(addresses: readonly string[]): void {
  const seen = new Set<string>();
  for (const address of addresses) {
    const key = address.toLowerCase();
    if (seen.has(key)) fail("QbftValidatorDuplicate", `validator ${address} is listed twice`);
    seen.add(key);
  }
}

// ===== GENESIS =====

/** An integer given as a JSON number, a decimal or 0x-hex string, or a bigint. */
export type IntegerInput = number | bigint | string;

export interface QbftGenesisOptions {
  readonly chainId: IntegerInput;
  /** Validator (node) addresses. Sorted ascending into extraData, as Besu's docs ask. */
  readonly validators: readonly string[];
  readonly blockPeriodSeconds?: number;
  readonly epochLength?: number;
  readonly requestTimeoutSeconds?: number;
  readonly contractSizeLimit?: number;
  readonly gasLimit?: IntegerInput;
  /** Funded accounts: address → balance in wei. */
  readonly alloc?: Readonly<Record<string, IntegerInput>>;
}

export interface QbftGenesis {
  config: {
    chainId: number;
  } & { -readonly [K in keyof typeof QBFT_FORKS]: number } & {
    zeroBaseFee: true;
    contractSizeLimit: number;
    qbft: { blockperiodseconds: number; epochlength: number; requesttimeoutseconds: number };
  };
  nonce: "0x0";
  timestamp: "0x0";
  gasLimit: Hex;
  difficulty: "0x1";
  mixHash: Hex;
  coinbase: string;
  alloc: Record<string, { balance: Hex }>;
  extraData: Hex;
  number: "0x0";
  gasUsed: "0x0";
  parentHash: Hex;
}

function parseInteger(value: IntegerInput, what: string, code: QbftErrorCode): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) fail(code, `${what} must be an integer, got ${value}`);
    return BigInt(value);
  }
  if (typeof value === "string" && /^(0x[0-9a-fA-F]+|[0-9]+)$/.test(value.trim())) return BigInt(value.trim());
  return fail(code, `${what} must be an integer (number, decimal or 0x-hex string), got ${JSON.stringify(value)}`);
}

function parseCount(value: unknown, what: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    fail("QbftParameterInvalid", `${what} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function toQuantity(value: bigint): Hex {
  return `0x${value.toString(16)}`;
}

/**
 * The genesis file of a QBFT network that runs Cancun from block 0 with free gas (`zeroBaseFee`; the
 * nodes also need `min-gas-price=0`) and block-header validator selection (validators in extraData).
 * Validators are sorted ascending, so the same set always gives the same file, whatever order the
 * departments were listed in. Besu keeps its validator set sorted internally anyway, so the order does not
 * change who proposes which block.
 */
export function buildQbftGenesis(options: QbftGenesisOptions): QbftGenesis {
  const chainId = parseInteger(options.chainId, "chain id", "QbftChainIdInvalid");
  // Wallets and JSON tools hold the chain id in a double: keep it a safe integer.
  if (chainId <= 0n || chainId > BigInt(Number.MAX_SAFE_INTEGER)) {
    fail("QbftChainIdInvalid", `chain id must be from 1 to 2^53-1, got ${chainId}`);
  }
  if (!Array.isArray(options.validators) || options.validators.length === 0) {
    fail("QbftValidatorsEmpty", "at least one validator is needed (four to tolerate one faulty validator)");
  }
  const validators = options.validators.map((v, i) => parseAddress(v, `validator ${i}`));
  assertNoDuplicates(validators);
  validators.sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));

  const blockPeriodSeconds = parseCount(options.blockPeriodSeconds ?? QBFT_DEFAULTS.blockPeriodSeconds, "blockPeriodSeconds", 1, 2 ** 31 - 1);
  const epochLength = parseCount(options.epochLength ?? QBFT_DEFAULTS.epochLength, "epochLength", 1, Number.MAX_SAFE_INTEGER);
  const requestTimeoutSeconds = parseCount(
    options.requestTimeoutSeconds ?? QBFT_DEFAULTS.requestTimeoutSeconds,
    "requestTimeoutSeconds",
    1,
    2 ** 31 - 1,
  );
  const contractSizeLimit = parseCount(options.contractSizeLimit ?? QBFT_DEFAULTS.contractSizeLimit, "contractSizeLimit", 1, MAX_CONTRACT_SIZE_LIMIT);
  const gasLimit = parseInteger(options.gasLimit ?? QBFT_DEFAULTS.gasLimit, "gasLimit", "QbftParameterInvalid");
  if (gasLimit < MIN_GAS_LIMIT || gasLimit > MAX_GAS_LIMIT) {
    fail("QbftParameterInvalid", `gasLimit must be from ${MIN_GAS_LIMIT} to 2^63-1, got ${gasLimit}`);
  }

  return {
    config: {
      chainId: Number(chainId),
      ...QBFT_FORKS,
      zeroBaseFee: true,
      contractSizeLimit,
      qbft: { blockperiodseconds: blockPeriodSeconds, epochlength: epochLength, requesttimeoutseconds: requestTimeoutSeconds },
    },
    nonce: "0x0",
    // Besu's genesis reference recommends 0x0; the time-based forks at 0 are then active from genesis.
    timestamp: "0x0",
    gasLimit: toQuantity(gasLimit),
    difficulty: "0x1",
    mixHash: QBFT_MIX_HASH,
    coinbase: ZERO_ADDRESS,
    alloc: buildAlloc(options.alloc ?? {}),
    extraData: encodeQbftExtraData(validators),
    number: "0x0",
    gasUsed: "0x0",
    parentHash: ZERO_HASH,
  };
}

function buildAlloc(alloc: Readonly<Record<string, IntegerInput>>): Record<string, { balance: Hex }> {
  if (typeof alloc !== "object" || alloc === null || Array.isArray(alloc)) {
    fail("QbftAllocInvalid", "alloc must be an object of address → balance in wei");
  }
  const entries = new Map<string, Hex>();
  for (const [address, balance] of Object.entries(alloc)) {
    const key = strip0x(parseAddress(address, "alloc address")).toLowerCase();
    if (entries.has(key)) fail("QbftAllocDuplicate", `alloc lists 0x${key} twice`);
    entries.set(key, toQuantity(parseInteger(balance, `balance of 0x${key}`, "QbftAllocInvalid")));
  }
  // Lowercase without 0x, sorted: the form of Besu's own examples, and a stable file.
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, balance]) => [k, { balance }]));
}

// ===== NETWORK (GENESIS + NODE CONFIGURATION) =====

export interface QbftValidatorInput {
  /** The department running this validator (on-chain code rules: 2–16 of A-Z 0-9 - _). */
  readonly department: string;
  /** The node public key, as `besu public-key export` prints it. */
  readonly publicKey: string;
  /** The IPv4 address other validators reach this node at (the enode host). */
  readonly host?: string;
  readonly p2pPort?: number;
  readonly rpcPort?: number;
}

export interface QbftNetworkInput extends Omit<QbftGenesisOptions, "validators"> {
  readonly validators: readonly QbftValidatorInput[];
}

export interface QbftNode {
  readonly department: string;
  readonly publicKey: Hex;
  readonly address: string;
  readonly host: string;
  readonly p2pPort: number;
  readonly rpcPort: number;
  readonly enode: string;
}

export interface QbftNetworkPlan {
  readonly genesis: QbftGenesis;
  /** In input order. */
  readonly nodes: QbftNode[];
  /** Every file to write, by path relative to the output folder (always "/"-separated). */
  readonly files: Record<string, string>;
  /** Things the operator should know that do not stop the generator (e.g. fewer than four validators). */
  readonly warnings: string[];
}

const DEPARTMENT_CODE = /^[A-Z0-9_-]{2,16}$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function parseHost(host: string): string {
  // Besu resolves host names in enode URLs only with an experimental DNS option: insist on an IP.
  if (typeof host !== "string" || !IPV4.test(host)) {
    fail("QbftHostInvalid", `host must be an IPv4 address (enode URLs carry IPs), got ${JSON.stringify(host)}`);
  }
  return host;
}

function parsePort(port: unknown, what: string): number {
  if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65_535) {
    fail("QbftParameterInvalid", `${what} must be an integer from 1 to 65535, got ${JSON.stringify(port)}`);
  }
  return port;
}

/**
 * Everything a four-department network needs, from public keys only: the genesis, and per validator a
 * Besu `config.toml` and `static-nodes.json` (the other validators' enode URLs; discovery is off, so a
 * node talks only to the validators listed here), plus a README for the operators.
 */
export function planQbftNetwork(input: QbftNetworkInput): QbftNetworkPlan {
  if (!Array.isArray(input.validators) || input.validators.length === 0) {
    fail("QbftValidatorsEmpty", "at least one validator is needed (four to tolerate one faulty validator)");
  }
  const departments = new Set<string>();
  const endpoints = new Map<string, string>();
  const claim = (host: string, port: number, owner: string) => {
    const key = `${host}:${port}`;
    const other = endpoints.get(key);
    if (other !== undefined) fail("QbftPortConflict", `${owner} and ${other} both use ${key}`);
    endpoints.set(key, owner);
  };

  const nodes = input.validators.map((v, i): QbftNode => {
    if (typeof v.department !== "string" || !DEPARTMENT_CODE.test(v.department)) {
      fail("QbftDepartmentInvalid", `validator ${i}: department must be 2–16 of A-Z 0-9 - _, got ${JSON.stringify(v.department)}`);
    }
    if (departments.has(v.department)) fail("QbftDepartmentDuplicate", `department ${v.department} is listed twice`);
    departments.add(v.department);
    const publicKey = normalizePublicKey(v.publicKey);
    const host = parseHost(v.host ?? QBFT_DEFAULTS.host);
    const p2pPort = parsePort(v.p2pPort ?? QBFT_DEFAULTS.firstP2pPort + i, `${v.department} p2pPort`);
    const rpcPort = parsePort(v.rpcPort ?? QBFT_DEFAULTS.firstRpcPort + i, `${v.department} rpcPort`);
    claim(host, p2pPort, `${v.department} p2p`);
    // JSON-RPC listens on 127.0.0.1 of the node's own machine, which is `host` for the ports' purposes.
    claim(host, rpcPort, `${v.department} rpc`);
    return {
      department: v.department,
      publicKey,
      address: validatorAddressFromPublicKey(publicKey),
      host,
      p2pPort,
      rpcPort,
      enode: enodeUrl(publicKey, host, p2pPort),
    };
  });
  // Two departments with the same key would be one validator counted twice.
  const genesis = buildQbftGenesis({ ...input, validators: nodes.map((n) => n.address) });

  const warnings: string[] = [];
  if (nodes.length < 4) {
    warnings.push(`${nodes.length} validator(s): QBFT needs at least 4 to keep producing blocks when one fails`);
  }

  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const files: Record<string, string> = {
    "genesis.json": json(genesis),
    // The input of `besu rlp encode --type=QBFT_EXTRA_DATA`, to check extraData with Besu itself.
    "toEncode.json": json(decodeQbftExtraData(genesis.extraData).validators.map((a) => a.toLowerCase())),
    "validators.json": json(nodes.map(({ department, address, publicKey, enode }) => ({ department, address, publicKey, enode }))),
    "README.md": renderReadme(genesis, nodes, warnings),
  };
  for (const node of nodes) {
    files[`${node.department}/config.toml`] = renderNodeConfig(node, genesis);
    files[`${node.department}/static-nodes.json`] = json(nodes.filter((n) => n !== node).map((n) => n.enode));
  }
  return { genesis, nodes, files, warnings };
}

/** A node's Besu configuration. Paths are relative to the node's folder: start Besu from there. */
export function renderNodeConfig(node: QbftNode, genesis: QbftGenesis): string {
  const s = (value: string) => JSON.stringify(value); // a TOML basic string
  const list = (values: readonly string[]) => `[${values.map(s).join(",")}]`;
  return [
    `# Besu validator of ${node.department} on govchain (chain id ${genesis.config.chainId}). Generated by`,
    "# `npm run qbft:genesis`; regenerate rather than edit. Start from this folder:",
    "#   besu --config-file=config.toml",
    `# Validator address ${node.address}`,
    "",
    "# Files. `key` is this node's private key: the department puts it here; the kit never has it.",
    `data-path=${s("data")}`,
    `genesis-file=${s("../genesis.json")}`,
    `node-private-key-file=${s("key")}`,
    "",
    "# Peers: only the other validators, from static-nodes.json; no discovery.",
    `p2p-host=${s(node.host)}`,
    `p2p-port=${node.p2pPort}`,
    "discovery-enabled=false",
    `static-nodes-file=${s("static-nodes.json")}`,
    "",
    "# JSON-RPC for this machine only (put a reverse proxy in front to publish it).",
    "rpc-http-enabled=true",
    `rpc-http-host=${s("127.0.0.1")}`,
    `rpc-http-port=${node.rpcPort}`,
    `rpc-http-api=${list(QBFT_RPC_APIS)}`,
    `host-allowlist=${list(["localhost", "127.0.0.1"])}`,
    "",
    "# Free gas (the genesis sets zeroBaseFee) and full validation of every block.",
    "min-gas-price=0",
    `sync-mode=${s("FULL")}`,
    "# Revert reasons in receipts, so the dApp can name the custom error.",
    "revert-reason-enabled=true",
    `logging=${s("INFO")}`,
    "",
  ].join("\n");
}

function renderReadme(genesis: QbftGenesis, nodes: readonly QbftNode[], warnings: readonly string[]): string {
  const { qbft } = genesis.config;
  const rows = nodes.map((n) => `| ${n.department} | \`${n.address}\` | ${n.host}:${n.p2pPort} | 127.0.0.1:${n.rpcPort} |`);
  return [
    "# govchain QBFT network",
    "",
    "Generated by `npm run qbft:genesis` from the validators' node public keys; regenerate rather than edit.",
    `Chain id ${genesis.config.chainId}; QBFT with a ${qbft.blockperiodseconds} s block period, a ${qbft.requesttimeoutseconds} s round`,
    `timeout and ${qbft.epochlength}-block epochs; Cancun from block 0; free gas (\`zeroBaseFee\`, \`min-gas-price=0\`).`,
    "",
    ...(warnings.length > 0 ? ["**Warning:** " + warnings.join("; ") + ".", ""] : []),
    "| department | validator address | P2P | JSON-RPC |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
    "## Files",
    "",
    "- `genesis.json`: the same file for every node. Its `extraData` lists the validator addresses above.",
    "- `<DEPARTMENT>/config.toml`: the node's Besu options; `<DEPARTMENT>/static-nodes.json`: the other validators.",
    "- `validators.json`: department, address, public key and enode URL of each validator.",
    "- `toEncode.json`: the validator addresses in extraData order, the input of `besu rlp encode`.",
    "",
    "## Start a validator",
    "",
    "Each department copies `genesis.json` and its own folder to its validator machine, keeping the layout",
    "(the folder next to `genesis.json`), then:",
    "",
    "1. Put the node's private key in `<DEPARTMENT>/key`: the key whose public key the department sent for this kit",
    "   (this kit never sees private keys). Check that it is the right key:",
    "   `besu --node-private-key-file=<DEPARTMENT>/key public-key export-address` must print the address above.",
    "   Without a `key` file Besu makes a new key, and the node runs but is not a validator.",
    "2. Start it from its folder (Besu resolves the relative paths in `config.toml` against the working directory),",
    "   one node per machine (or per terminal, for the local demo):",
    "",
    "   ```sh",
    ...nodes.map((n) => `   cd ${n.department} && besu --config-file=config.toml`),
    "   ```",
    "",
    `Blocks are produced once a quorum of ${Math.ceil((2 * nodes.length) / 3)} of the ${nodes.length} validators (two thirds, rounded up) are up and connected.`,
    "Check with `qbft_getValidatorsByBlockNumber` and `eth_blockNumber` on a node's JSON-RPC port.",
    "",
    "## Check the genesis with Besu",
    "",
    "```sh",
    "besu rlp encode --from=toEncode.json --type=QBFT_EXTRA_DATA   # must print genesis.json's extraData",
    "```",
    "",
  ].join("\n");
}

// ===== INPUT FILE =====

/**
 * Checks the shape of a parsed input file (see chain/qbft.example.json) and returns it typed. Values are
 * checked in depth by planQbftNetwork; this only rejects what is not even the right kind of thing.
 */
export function parseQbftNetworkInput(json: unknown): QbftNetworkInput {
  if (typeof json !== "object" || json === null || Array.isArray(json)) fail("QbftInputInvalid", "the input must be a JSON object");
  const input = json as Record<string, unknown>;
  const known = new Set([
    "$comment",
    "chainId",
    "blockPeriodSeconds",
    "epochLength",
    "requestTimeoutSeconds",
    "contractSizeLimit",
    "gasLimit",
    "alloc",
    "validators",
  ]);
  for (const key of Object.keys(input)) {
    // A misspelt key would otherwise silently fall back to a default.
    if (!known.has(key)) fail("QbftInputInvalid", `unknown key ${JSON.stringify(key)}; expected one of ${[...known].join(", ")}`);
  }
  if (input.chainId === undefined) fail("QbftInputInvalid", "chainId is required");
  if (!Array.isArray(input.validators)) fail("QbftInputInvalid", "validators must be a list of { department, publicKey, host?, p2pPort?, rpcPort? }");
  const validatorKeys = new Set(["department", "publicKey", "host", "p2pPort", "rpcPort"]);
  for (const [i, v] of (input.validators as unknown[]).entries()) {
    if (typeof v !== "object" || v === null || Array.isArray(v)) fail("QbftInputInvalid", `validators[${i}] must be an object`);
    for (const key of Object.keys(v)) {
      if (!validatorKeys.has(key)) fail("QbftInputInvalid", `validators[${i}]: unknown key ${JSON.stringify(key)}`);
    }
  }
  return input as unknown as QbftNetworkInput;
}
