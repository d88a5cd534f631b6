/**
 * The Besu QBFT network kit (lib/qbft.ts, scripts/qbft/generate.ts). Besu does not run on the build
 * machines, so the encoding is checked against extraData vectors published by Besu itself: its
 * documentation and its own unit test of `besu rlp encode --type=QBFT_EXTRA_DATA`.
 */
// node:assert for structural comparisons: once hardhat-ethers-chai-matchers is loaded (by other test
// files in the same run), chai's deep.equal compares hex strings as numbers, so 0xAB equals 0xab and 16
// equals "0x10". The kit's output must match byte for byte.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

import { expect } from "chai";
import { computeAddress, encodeRlp, getAddress, keccak256, SigningKey, toUtf8Bytes } from "ethers";

import {
  buildQbftGenesis,
  decodeQbftExtraData,
  encodeQbftExtraData,
  normalizePublicKey,
  parseQbftNetworkInput,
  planQbftNetwork,
  QBFT_FORKS,
  QBFT_MIX_HASH,
  QbftConfigError,
  validatorAddressFromPublicKey,
  type QbftErrorCode,
  type QbftNetworkInput,
} from "../scripts/qbft/qbft.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const EXAMPLE_INPUT = join(ROOT, "chain", "qbft.example.json");
const EXAMPLE_OUTPUT = join(ROOT, "chain", "example");

// ----- Known-good vectors -----

/**
 * Besu documentation, "Configure QBFT consensus" → Genesis file → Extra data → Generate extra data:
 * https://besu.hyperledger.org/private-networks/how-to/configure/consensus/qbft#generate-extra-data
 * (source: hyperledger/besu-docs, docs/private-networks/how-to/configure/consensus/qbft.md).
 * The output of `besu rlp encode --from=toEncode.json --type=QBFT_EXTRA_DATA` for this toEncode.json.
 * The list is not in ascending order, and Besu keeps the order given.
 */
const DOCS_RLP_ENCODE = {
  validators: [
    "0x4592c8e45706cc08b8f44b11e43cba0cfc5892cb",
    "0x06e23768a0f59cf365e18c2e0c89e151bcdedc70",
    "0xc5327f96ee02d7bcbc1bf1236b8c15148971e1de",
    "0xab5e7f4061c605820d3744227eed91ff8e2c8908",
  ],
  extraData:
    "0xf87aa00000000000000000000000000000000000000000000000000000000000000000f854944592c8e45706cc08b8f44b11e43cba0cfc5892cb9406e23768a0f59cf365e18c2e0c89e151bcdedc7094c5327f96ee02d7bcbc1bf1236b8c15148971e1de94ab5e7f4061c605820d3744227eed91ff8e2c8908c080c0",
};

/** Same page, the "Block header validator selection" genesis file example (validators read off its extraData). */
const DOCS_GENESIS_EXAMPLE = {
  validators: [
    "0x64a702e6263b7297a96638cac6ae65e6541f4169",
    "0x3923390ad55e90c237593b3b0e401f3b08a03185",
    "0xaefdb9a738c9f433e5b6b212a6d62f6370c2f692",
    "0xc7eeb9a4e00ce683cf93039b212648e01c6c6b78",
  ],
  extraData:
    "0xf87aa00000000000000000000000000000000000000000000000000000000000000000f8549464a702e6263b7297a96638cac6ae65e6541f4169943923390ad55e90c237593b3b0e401f3b08a0318594aefdb9a738c9f433e5b6b212a6d62f6370c2f69294c7eeb9a4e00ce683cf93039b212648e01c6c6b78c080c0",
};

/** Same page, the "Contract validator selection" genesis example: no validators in extraData. */
const DOCS_CONTRACT_MODE_EXTRA_DATA = "0xe5a00000000000000000000000000000000000000000000000000000000000000000c0c080c0";

/**
 * Besu's own unit test of the subcommand, `RLPSubCommandTest.canEncodeToQbftExtraData` and, for the same
 * input, the IBFT 2.0 default (`encodeWithoutPathMustWriteToStandardOutput`):
 * https://github.com/hyperledger/besu/blob/main/besu/src/test/java/org/hyperledger/besu/cli/subcommands/rlp/RLPSubCommandTest.java
 */
const BESU_SOURCE_TEST = {
  validators: ["0xbe068f726a13c8d46c44be6ce9d275600e1735a4", "0x5ff6f4b66a46a2b2310a6f3a93aaddc0d9a1c193"],
  qbft: "0xf84fa00000000000000000000000000000000000000000000000000000000000000000ea94be068f726a13c8d46c44be6ce9d275600e1735a4945ff6f4b66a46a2b2310a6f3a93aaddc0d9a1c193c080c0",
  ibft2: "0xf853a00000000000000000000000000000000000000000000000000000000000000000ea94be068f726a13c8d46c44be6ce9d275600e1735a4945ff6f4b66a46a2b2310a6f3a93aaddc0d9a1c193808400000000c0",
};

/**
 * Besu's documented test account 1 (dev.json), a published private key / address pair:
 * https://besu.hyperledger.org/private-networks/reference/accounts-for-testing
 */
const BESU_TEST_ACCOUNT = {
  privateKey: "0x8f2a55949038a9610f50fb23b5883af3b4ecb3c3bb792cbcefbd1542c692be63",
  address: "0xFE3B557E8Fb62b89F4916B721be55cEb828dBd73",
};

// ----- Helpers -----

/** The 64-byte node public key of a private key, as Besu's key.pub holds it (0x + 128 hex, no 04). */
function nodePublicKey(privateKey: string): string {
  return `0x${new SigningKey(privateKey).publicKey.slice(4)}`;
}

/** The test-only node key of a department in chain/qbft.example.json (documented there). */
function testOnlyKey(label: string): string {
  return keccak256(toUtf8Bytes(`govchain:test-only:qbft:${label}`));
}

function expectQbftError(run: () => unknown, code: QbftErrorCode, messagePart?: string): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected ${code}`).to.be.instanceOf(QbftConfigError);
  expect((thrown as QbftConfigError).code).to.equal(code);
  if (messagePart !== undefined) expect((thrown as Error).message).to.include(messagePart);
}

/** Enough of TOML for the files the kit writes: `key=value` lines whose values are JSON literals. */
function parseToml(text: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const line of text.split("\n")) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    const at = line.indexOf("=");
    expect(at, `not key=value: ${line}`).to.be.greaterThan(0);
    const key = line.slice(0, at);
    expect(result, `${key} set twice`).not.to.have.property(key);
    result[key] = JSON.parse(line.slice(at + 1));
  }
  return result;
}

function fourDepartments(): QbftNetworkInput {
  return {
    chainId: 86000,
    validators: ["SAMR", "TAX", "FIN", "MOHURD"].map((department) => ({ department, publicKey: nodePublicKey(testOnlyKey(department)) })),
  };
}

/** Every file under a folder, by "/"-separated relative path. */
function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path).split("\\").join("/")] = readFileSync(path, "utf8");
    }
  };
  walk(dir);
  return files;
}

function runGenerator(...args: string[]): string {
  return execFileSync(process.execPath, ["--import", "tsx", "scripts/qbft/generate.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: "pipe",
  });
}

// ----- Tests -----

describe("QBFT network kit", function () {
  describe("encodeQbftExtraData", function () {
    it("matches the extraData of Besu's docs `rlp encode` example byte for byte, keeping the order given", function () {
      expect(encodeQbftExtraData(DOCS_RLP_ENCODE.validators)).to.equal(DOCS_RLP_ENCODE.extraData);
    });

    it("matches the extraData of Besu's docs QBFT genesis example", function () {
      expect(encodeQbftExtraData(DOCS_GENESIS_EXAMPLE.validators)).to.equal(DOCS_GENESIS_EXAMPLE.extraData);
    });

    it("matches Besu's own RLPSubCommandTest vector for QBFT_EXTRA_DATA", function () {
      expect(encodeQbftExtraData(BESU_SOURCE_TEST.validators)).to.equal(BESU_SOURCE_TEST.qbft);
    });

    it("encodes no validators as Besu's docs contract-validator-selection genesis does", function () {
      expect(encodeQbftExtraData([])).to.equal(DOCS_CONTRACT_MODE_EXTRA_DATA);
    });

    it("is not the IBFT 2.0 encoding (round 0 is 0x80, not the 4-byte 0x8400000000)", function () {
      const qbft = encodeQbftExtraData(BESU_SOURCE_TEST.validators);
      expect(qbft).not.to.equal(BESU_SOURCE_TEST.ibft2);
      expect(qbft.endsWith("c080c0")).to.equal(true);
    });

    it("accepts checksummed and lowercase addresses alike", function () {
      const checksummed = DOCS_RLP_ENCODE.validators.map((a) => getAddress(a));
      assert.notDeepStrictEqual(checksummed, DOCS_RLP_ENCODE.validators);
      expect(encodeQbftExtraData(checksummed)).to.equal(DOCS_RLP_ENCODE.extraData);
      // All upper case carries no checksum, like all lower case.
      expect(encodeQbftExtraData(DOCS_RLP_ENCODE.validators.map((a) => `0x${a.slice(2).toUpperCase()}`))).to.equal(DOCS_RLP_ENCODE.extraData);
    });

    it("rejects a validator listed twice with QbftValidatorDuplicate", function () {
      const [a, b] = DOCS_RLP_ENCODE.validators;
      expectQbftError(() => encodeQbftExtraData([a, b, getAddress(a)]), "QbftValidatorDuplicate", getAddress(a));
    });

    it("rejects a malformed address with QbftAddressInvalid", function () {
      expectQbftError(() => encodeQbftExtraData(["0x1234"]), "QbftAddressInvalid", "validator 0");
      expectQbftError(() => encodeQbftExtraData([`0x${"zz".repeat(20)}`]), "QbftAddressInvalid");
      // A mixed-case address whose checksum is wrong (last letter's case flipped).
      expectQbftError(() => encodeQbftExtraData(["0xFE3B557E8Fb62b89F4916B721be55cEb828dBd7D"]), "QbftAddressInvalid", "checksum");
    });
  });

  describe("decodeQbftExtraData", function () {
    for (const [name, validators, extraData] of [
      ["the docs rlp encode example", DOCS_RLP_ENCODE.validators, DOCS_RLP_ENCODE.extraData],
      ["the docs genesis example", DOCS_GENESIS_EXAMPLE.validators, DOCS_GENESIS_EXAMPLE.extraData],
      ["Besu's source test vector", BESU_SOURCE_TEST.validators, BESU_SOURCE_TEST.qbft],
      ["the docs contract-mode genesis", [], DOCS_CONTRACT_MODE_EXTRA_DATA],
    ] as const) {
      it(`round-trips ${name}`, function () {
        const decoded = decodeQbftExtraData(extraData);
        expect(decoded.vanity).to.equal(`0x${"00".repeat(32)}`);
        assert.deepStrictEqual(decoded.validators.map((a) => a.toLowerCase()), validators);
        expect(decoded.vote).to.equal(null);
        expect(decoded.round).to.equal(0);
        assert.deepStrictEqual(decoded.seals, []);
        expect(encodeQbftExtraData(decoded.validators)).to.equal(extraData);
      });
    }

    it("reads the vote, round and seals of a later block", function () {
      const [validator, recipient] = BESU_SOURCE_TEST.validators;
      const seal = `0x${"11".repeat(65)}`;
      const add = encodeRlp([`0x${"ab".repeat(32)}`, [validator], [recipient, "0xff"], "0x07", [seal]]);
      const decoded = decodeQbftExtraData(add);
      assert.deepStrictEqual(decoded.vote, { recipient: getAddress(recipient), add: true });
      assert.deepStrictEqual(decoded.validators, [getAddress(validator)]);
      expect(decoded.round).to.equal(7);
      assert.deepStrictEqual(decoded.seals, [seal]);
      const drop = decodeQbftExtraData(encodeRlp([`0x${"00".repeat(32)}`, [validator], [recipient, "0x"], "0x", []]));
      expect(drop.vote!.add).to.equal(false);
    });

    it("rejects IBFT 2.0 extraData (vote as an empty string, a 4-byte round) with QbftExtraDataInvalid", function () {
      expectQbftError(() => decodeQbftExtraData(BESU_SOURCE_TEST.ibft2), "QbftExtraDataInvalid", "vote");
      const ibftRound = encodeRlp([`0x${"00".repeat(32)}`, BESU_SOURCE_TEST.validators, [], "0x00000000", []]);
      expectQbftError(() => decodeQbftExtraData(ibftRound), "QbftExtraDataInvalid", "round");
    });

    it("rejects bytes that are not RLP, or not the five-item layout, with QbftExtraDataInvalid", function () {
      expectQbftError(() => decodeQbftExtraData("0xf8"), "QbftExtraDataInvalid", "not RLP");
      expectQbftError(() => decodeQbftExtraData(encodeRlp([`0x${"00".repeat(32)}`, [], [], "0x"])), "QbftExtraDataInvalid", "5 items");
      expectQbftError(() => decodeQbftExtraData(encodeRlp([`0x${"00".repeat(31)}`, [], [], "0x", []])), "QbftExtraDataInvalid", "vanity");
      expectQbftError(() => decodeQbftExtraData(encodeRlp([`0x${"00".repeat(32)}`, ["0x1234"], [], "0x", []])), "QbftExtraDataInvalid", "validators");
    });
  });

  describe("validatorAddressFromPublicKey", function () {
    it("derives the address of Besu's documented test account 1 from its public key", function () {
      const publicKey = nodePublicKey(BESU_TEST_ACCOUNT.privateKey);
      expect(validatorAddressFromPublicKey(publicKey)).to.equal(BESU_TEST_ACCOUNT.address);
    });

    it("accepts the key with or without 0x, with or without the 04 prefix, in any case", function () {
      const bare = nodePublicKey(BESU_TEST_ACCOUNT.privateKey).slice(2);
      for (const form of [bare, `0x${bare}`, `04${bare}`, `0x04${bare}`, `0x${bare.toUpperCase()}`, ` 0x${bare}\n`]) {
        expect(validatorAddressFromPublicKey(form), form).to.equal(BESU_TEST_ACCOUNT.address);
        expect(normalizePublicKey(form)).to.equal(`0x${bare}`);
      }
    });

    it("agrees with ethers' computeAddress for the example departments' keys", function () {
      for (const department of ["SAMR", "TAX", "FIN", "MOHURD"]) {
        const key = new SigningKey(testOnlyKey(department));
        expect(validatorAddressFromPublicKey(key.publicKey.slice(4))).to.equal(computeAddress(key.publicKey));
      }
    });

    it("rejects a key of the wrong length, not hex, compressed, or off the curve with QbftPublicKeyInvalid", function () {
      const key = new SigningKey(BESU_TEST_ACCOUNT.privateKey);
      expectQbftError(() => validatorAddressFromPublicKey(`0x${key.publicKey.slice(4, -2)}`), "QbftPublicKeyInvalid", "64 bytes");
      expectQbftError(() => validatorAddressFromPublicKey(`0x${"g".repeat(128)}`), "QbftPublicKeyInvalid", "not hex");
      expectQbftError(() => validatorAddressFromPublicKey(key.compressedPublicKey), "QbftPublicKeyInvalid", "compressed");
      expectQbftError(() => validatorAddressFromPublicKey(`0x${"11".repeat(64)}`), "QbftPublicKeyInvalid", "secp256k1");
    });
  });

  describe("buildQbftGenesis", function () {
    const validators = DOCS_GENESIS_EXAMPLE.validators;

    it("has every field Besu's QBFT genesis needs, with Cancun (and every earlier fork) from genesis", function () {
      const genesis = buildQbftGenesis({
        chainId: 86000,
        validators,
        blockPeriodSeconds: 5,
        epochLength: 30000,
        requestTimeoutSeconds: 10,
        contractSizeLimit: 49152,
        gasLimit: "0x29b92700",
        alloc: { [BESU_TEST_ACCOUNT.address]: "200000000000000000000" },
      });
      assert.deepStrictEqual(genesis.config, {
        chainId: 86000,
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
        zeroBaseFee: true,
        contractSizeLimit: 49152,
        qbft: { blockperiodseconds: 5, epochlength: 30000, requesttimeoutseconds: 10 },
      });
      expect(genesis.config.cancunTime).to.equal(0);
      assert.deepStrictEqual(Object.keys(genesis).sort(), [
        "alloc",
        "coinbase",
        "config",
        "difficulty",
        "extraData",
        "gasLimit",
        "gasUsed",
        "mixHash",
        "nonce",
        "number",
        "parentHash",
        "timestamp",
      ]);
      expect(genesis.extraData).to.equal(encodeQbftExtraData([...validators].sort()));
      const { config: _config, alloc: _alloc, extraData: _extraData, ...blockFields } = genesis;
      assert.deepStrictEqual(blockFields, {
        nonce: "0x0",
        timestamp: "0x0",
        gasLimit: "0x29b92700",
        difficulty: "0x1",
        mixHash: "0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365",
        coinbase: "0x0000000000000000000000000000000000000000",
        number: "0x0",
        gasUsed: "0x0",
        parentHash: `0x${"00".repeat(32)}`,
      });
      // 200 ETH, the balance Besu's docs give this account, in the docs' lowercase-without-0x form.
      assert.deepStrictEqual(genesis.alloc, { fe3b557e8fb62b89f4916b721be55ceb828dbd73: { balance: "0xad78ebc5ac6200000" } });
      expect(Buffer.from(QBFT_MIX_HASH.slice(2), "hex").toString()).to.equal("ctical byzantine fault tolerance");
    });

    it("puts the validators in extraData in ascending order, whatever order they are given in", function () {
      const sorted = [...validators].sort();
      const forward = buildQbftGenesis({ chainId: 1, validators });
      const backward = buildQbftGenesis({ chainId: 1, validators: [...validators].reverse() });
      assert.deepStrictEqual(forward, backward);
      expect(forward.extraData).to.equal(encodeQbftExtraData(sorted));
      assert.deepStrictEqual(decodeQbftExtraData(forward.extraData).validators.map((a) => a.toLowerCase()), sorted);
    });

    it("uses the documented defaults when only the chain id and validators are given", function () {
      const genesis = buildQbftGenesis({ chainId: "0x14ff0", validators });
      expect(genesis.config.chainId).to.equal(86000);
      assert.deepStrictEqual(genesis.config.qbft, { blockperiodseconds: 2, epochlength: 30000, requesttimeoutseconds: 4 });
      expect(genesis.config.contractSizeLimit).to.equal(24576);
      expect(genesis.gasLimit).to.equal("0x1c9c380");
      assert.deepStrictEqual(genesis.alloc, {});
      expect(Object.keys(genesis.config)).to.include.members(Object.keys(QBFT_FORKS));
    });

    it("sorts alloc and takes balances as decimal strings, hex strings, numbers or bigints", function () {
      const genesis = buildQbftGenesis({
        chainId: 1,
        validators,
        alloc: { "0x00000000000000000000000000000000000000bb": 16n, "0x00000000000000000000000000000000000000aa": "0x10", "0x00000000000000000000000000000000000000cc": 0 },
      });
      assert.deepStrictEqual(Object.entries(genesis.alloc), [
        ["00000000000000000000000000000000000000aa", { balance: "0x10" }],
        ["00000000000000000000000000000000000000bb", { balance: "0x10" }],
        ["00000000000000000000000000000000000000cc", { balance: "0x0" }],
      ]);
    });

    it("rejects fewer than one validator with QbftValidatorsEmpty", function () {
      expectQbftError(() => buildQbftGenesis({ chainId: 1, validators: [] }), "QbftValidatorsEmpty");
    });

    it("rejects a validator listed twice (in any case) with QbftValidatorDuplicate", function () {
      expectQbftError(() => buildQbftGenesis({ chainId: 1, validators: [...validators, getAddress(validators[2])] }), "QbftValidatorDuplicate");
    });

    it("rejects a chain id that is not a positive safe integer with QbftChainIdInvalid", function () {
      for (const chainId of [0, -1, 1.5, "abc", "", 2n ** 53n, Number.NaN]) {
        expectQbftError(() => buildQbftGenesis({ chainId, validators }), "QbftChainIdInvalid");
      }
    });

    it("rejects bad consensus, size and gas parameters with QbftParameterInvalid", function () {
      const bad: Array<[string, Record<string, unknown>]> = [
        ["blockPeriodSeconds", { blockPeriodSeconds: 0 }],
        ["blockPeriodSeconds", { blockPeriodSeconds: 1.5 }],
        ["epochLength", { epochLength: 0 }],
        ["requestTimeoutSeconds", { requestTimeoutSeconds: -4 }],
        ["contractSizeLimit", { contractSizeLimit: 2_147_483_648 }],
        ["gasLimit", { gasLimit: 20_999 }],
        ["gasLimit", { gasLimit: 2n ** 63n }],
        ["gasLimit", { gasLimit: "30M" }],
      ];
      for (const [name, options] of bad) {
        expectQbftError(() => buildQbftGenesis({ chainId: 1, validators, ...options }), "QbftParameterInvalid", name);
      }
    });

    it("rejects a bad alloc with QbftAllocInvalid, QbftAllocDuplicate or QbftAddressInvalid", function () {
      const a = "0xfe3b557e8fb62b89f4916b721be55ceb828dbd73";
      expectQbftError(() => buildQbftGenesis({ chainId: 1, validators, alloc: { [a]: "-1" } }), "QbftAllocInvalid", "balance");
      expectQbftError(() => buildQbftGenesis({ chainId: 1, validators, alloc: { [a]: 1, [BESU_TEST_ACCOUNT.address]: 2 } }), "QbftAllocDuplicate");
      expectQbftError(() => buildQbftGenesis({ chainId: 1, validators, alloc: { "0x12": 1 } }), "QbftAddressInvalid", "alloc address");
    });
  });

  describe("planQbftNetwork", function () {
    it("writes, per department, a Besu config.toml with the options a validator needs", function () {
      const plan = planQbftNetwork(fourDepartments());
      assert.deepStrictEqual(plan.warnings, []);
      assert.deepStrictEqual(Object.keys(plan.files).sort(), [
        "FIN/config.toml",
        "FIN/static-nodes.json",
        "MOHURD/config.toml",
        "MOHURD/static-nodes.json",
        "README.md",
        "SAMR/config.toml",
        "SAMR/static-nodes.json",
        "TAX/config.toml",
        "TAX/static-nodes.json",
        "genesis.json",
        "toEncode.json",
        "validators.json",
      ]);
      for (const [i, node] of plan.nodes.entries()) {
        assert.deepStrictEqual(parseToml(plan.files[`${node.department}/config.toml`]), {
          "data-path": "data",
          "genesis-file": "../genesis.json",
          "node-private-key-file": "key",
          "p2p-host": "127.0.0.1",
          "p2p-port": 30303 + i,
          "discovery-enabled": false,
          "static-nodes-file": "static-nodes.json",
          "rpc-http-enabled": true,
          "rpc-http-host": "127.0.0.1",
          "rpc-http-port": 8545 + i,
          "rpc-http-api": ["ETH", "NET", "QBFT", "WEB3"],
          "host-allowlist": ["localhost", "127.0.0.1"],
          "min-gas-price": 0,
          "sync-mode": "FULL",
          "revert-reason-enabled": true,
          logging: "INFO",
        });
      }
    });

    it("lists every other validator, never the node itself, by enode URL built from its public key", function () {
      const input = fourDepartments();
      const plan = planQbftNetwork(input);
      for (const [i, node] of plan.nodes.entries()) {
        expect(node.enode).to.equal(`enode://${input.validators[i].publicKey.slice(2)}@127.0.0.1:${30303 + i}`);
        const peers = JSON.parse(plan.files[`${node.department}/static-nodes.json`]) as string[];
        assert.deepStrictEqual(peers, plan.nodes.filter((n) => n !== node).map((n) => n.enode));
      }
    });

    it("puts the departments' node addresses in the genesis extraData and toEncode.json", function () {
      const input = fourDepartments();
      const plan = planQbftNetwork(input);
      const addresses = input.validators.map((v) => computeAddress(`0x04${v.publicKey.slice(2)}`).toLowerCase()).sort();
      expect(plan.genesis.extraData).to.equal(encodeQbftExtraData(addresses));
      assert.deepStrictEqual(JSON.parse(plan.files["toEncode.json"]), addresses);
      assert.deepStrictEqual(JSON.parse(plan.files["genesis.json"]), plan.genesis);
    });

    it("uses the hosts and ports given", function () {
      const input = fourDepartments();
      const plan = planQbftNetwork({
        ...input,
        validators: input.validators.map((v, i) => ({ ...v, host: `10.0.0.${i + 1}`, p2pPort: 30303, rpcPort: 8545 })),
      });
      assert.deepStrictEqual(plan.nodes.map((n) => n.enode.split("@")[1]), ["10.0.0.1:30303", "10.0.0.2:30303", "10.0.0.3:30303", "10.0.0.4:30303"]);
      expect(parseToml(plan.files["TAX/config.toml"])["p2p-host"]).to.equal("10.0.0.2");
    });

    it("warns, but still writes the kit, with fewer than four validators", function () {
      const input = fourDepartments();
      const plan = planQbftNetwork({ ...input, validators: input.validators.slice(0, 3) });
      expect(plan.warnings).to.have.length(1);
      expect(plan.warnings[0]).to.include("at least 4");
      expect(plan.files["README.md"]).to.include("**Warning:**");
    });

    it("rejects a department listed twice with QbftDepartmentDuplicate", function () {
      const input = fourDepartments();
      const validators = [...input.validators, { ...input.validators[0], publicKey: nodePublicKey(testOnlyKey("other")) }];
      expectQbftError(() => planQbftNetwork({ ...input, validators }), "QbftDepartmentDuplicate", "SAMR");
    });

    it("rejects a department code the directory would refuse with QbftDepartmentInvalid", function () {
      const input = fourDepartments();
      for (const department of ["samr", "S", "SAMR BUREAU", "市场监督管理局", ""]) {
        const validators = [{ ...input.validators[0], department }, ...input.validators.slice(1)];
        expectQbftError(() => planQbftNetwork({ ...input, validators }), "QbftDepartmentInvalid");
      }
    });

    it("rejects two departments with the same node key with QbftValidatorDuplicate", function () {
      const input = fourDepartments();
      const validators = [...input.validators, { department: "EDU", publicKey: input.validators[1].publicKey }];
      expectQbftError(() => planQbftNetwork({ ...input, validators }), "QbftValidatorDuplicate");
    });

    it("rejects two nodes on one host and port with QbftPortConflict", function () {
      const input = fourDepartments();
      const validators = input.validators.map((v, i) => (i === 3 ? { ...v, p2pPort: 30303 } : v));
      expectQbftError(() => planQbftNetwork({ ...input, validators }), "QbftPortConflict", "127.0.0.1:30303");
      const rpcClash = input.validators.map((v, i) => (i === 1 ? { ...v, rpcPort: 30303 } : v));
      expectQbftError(() => planQbftNetwork({ ...input, validators: rpcClash }), "QbftPortConflict");
    });

    it("rejects a host name (enode URLs carry IP addresses) with QbftHostInvalid, a bad port with QbftParameterInvalid", function () {
      const input = fourDepartments();
      const named = input.validators.map((v, i) => (i === 0 ? { ...v, host: "samr.gov.example" } : v));
      expectQbftError(() => planQbftNetwork({ ...input, validators: named }), "QbftHostInvalid", "samr.gov.example");
      const badPort = input.validators.map((v, i) => (i === 0 ? { ...v, p2pPort: 70000 } : v));
      expectQbftError(() => planQbftNetwork({ ...input, validators: badPort }), "QbftParameterInvalid", "SAMR p2pPort");
    });

    it("rejects an empty validator list with QbftValidatorsEmpty", function () {
      expectQbftError(() => planQbftNetwork({ chainId: 1, validators: [] }), "QbftValidatorsEmpty");
    });
  });

  describe("parseQbftNetworkInput", function () {
    it("rejects unknown (misspelt) keys, a missing chain id or validators with QbftInputInvalid", function () {
      const input = JSON.parse(readFileSync(EXAMPLE_INPUT, "utf8")) as Record<string, unknown>;
      expect(parseQbftNetworkInput(input)).to.equal(input);
      expectQbftError(() => parseQbftNetworkInput({ ...input, blockPeriod: 5 }), "QbftInputInvalid", "blockPeriod");
      expectQbftError(() => parseQbftNetworkInput({ ...input, chainId: undefined }), "QbftInputInvalid", "chainId");
      expectQbftError(() => parseQbftNetworkInput({ ...input, validators: {} }), "QbftInputInvalid", "validators");
      expectQbftError(() => parseQbftNetworkInput({ ...input, validators: [{ department: "SAMR", publickey: "0x" }] }), "QbftInputInvalid", "publickey");
      expectQbftError(() => parseQbftNetworkInput([]), "QbftInputInvalid");
    });
  });

  describe("the generator script", function () {
    let out: string;

    beforeEach(function () {
      out = mkdtempSync(join(tmpdir(), "govchain-qbft-"));
    });

    afterEach(function () {
      rmSync(out, { recursive: true, force: true });
    });

    it("writes genesis.json and the four validators' node folders", function () {
      this.timeout(60_000);
      const stdout = runGenerator(EXAMPLE_INPUT, out);
      const written = readTree(out);
      const plan = planQbftNetwork(parseQbftNetworkInput(JSON.parse(readFileSync(EXAMPLE_INPUT, "utf8"))));
      assert.deepStrictEqual(written, plan.files);
      for (const department of ["SAMR", "TAX", "FIN", "MOHURD"]) {
        expect(parseToml(written[`${department}/config.toml`])["genesis-file"]).to.equal("../genesis.json");
        expect(JSON.parse(written[`${department}/static-nodes.json`])).to.have.length(3);
        expect(written).not.to.have.property(`${department}/key`);
      }
      expect(JSON.parse(written["genesis.json"]).config.cancunTime).to.equal(0);
      expect(stdout).to.include(plan.genesis.extraData);
    });

    it("wrote exactly the committed chain/example from chain/qbft.example.json", function () {
      this.timeout(60_000);
      runGenerator(EXAMPLE_INPUT, out);
      assert.deepStrictEqual(readTree(EXAMPLE_OUTPUT), readTree(out));
    });

    it("exits with the named error, writing nothing, when the input is bad", function () {
      this.timeout(60_000);
      const input = JSON.parse(readFileSync(EXAMPLE_INPUT, "utf8")) as { validators: Array<{ department: string }> };
      input.validators[1].department = input.validators[0].department;
      const bad = join(out, "bad.json");
      writeFileSync(bad, JSON.stringify(input));
      const target = join(out, "network");
      let stderr = "";
      try {
        runGenerator(bad, target);
        expect.fail("the generator accepted a duplicate department");
      } catch (error) {
        stderr = String((error as { stderr?: string }).stderr);
        expect((error as { status?: number }).status).to.equal(1);
      }
      expect(stderr).to.include("QbftDepartmentDuplicate");
      assert.deepStrictEqual(readdirSync(out), ["bad.json"]);
    });

    it("uses public keys of the test-only private keys documented in the example input", function () {
      const input = JSON.parse(readFileSync(EXAMPLE_INPUT, "utf8")) as {
        $comment: string;
        alloc: Record<string, string>;
        validators: Array<{ department: string; publicKey: string }>;
      };
      expect(input.$comment).to.include("TEST ONLY");
      for (const v of input.validators) expect(v.publicKey).to.equal(nodePublicKey(testOnlyKey(v.department)));
      assert.deepStrictEqual(Object.keys(input.alloc), [computeAddress(testOnlyKey("admin"))]);
    });
  });
});
