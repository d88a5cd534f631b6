import { createRequire } from "node:module";

import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

// Hardhat cannot download solc on the platform's build machines (no internet but the npm registry),
// so the compiler is the npm `solc` package, pinned exactly in package.json. Hardhat trusts the
// `version` we give it and never checks the file at `path`, so we check here that they agree.
const SOLC_VERSION = "0.8.30";
// The EVM that current Besu QBFT networks run. OpenZeppelin 5.5+ needs MCOPY (Cancun).
const EVM_VERSION = "cancun";

const require = createRequire(import.meta.url);
const solcPackage = require("solc/package.json") as { version: string };
if (solcPackage.version !== SOLC_VERSION) {
  throw new Error(
    `hardhat.config.ts: the installed npm solc is ${solcPackage.version} but the config compiles with ${SOLC_VERSION}. ` +
      `Pin "solc": "${SOLC_VERSION}" in package.json and run npm install, or change SOLC_VERSION.`,
  );
}

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  solidity: {
    version: SOLC_VERSION,
    path: require.resolve("solc/soljson.js"),
    settings: {
      evmVersion: EVM_VERSION,
      optimizer: { enabled: true, runs: 200 },
    },
  },
  networks: {
    // The simulated network used by the tests runs the same hardfork the contracts are compiled for.
    default: {
      type: "edr-simulated",
      chainType: "l1",
      hardfork: EVM_VERSION,
    },
    // `npm run node` (Hardhat's node on 127.0.0.1:8545); its well-known test accounts live in the node.
    localhost: {
      type: "http",
      chainType: "l1",
      url: "http://127.0.0.1:8545",
      chainId: 31337,
    },
    // The local node `npm run bench` starts on a free port for its throughput figures (scripts/bench.ts).
    benchnode: {
      type: "http",
      chainType: "l1",
      url: configVariable("GOVCHAIN_BENCH_RPC_URL"),
    },
    // The local platform's chain (`npm start`: anvil on 127.0.0.1, chain 86086). scripts/start.ts sets the
    // URL and the deployer key (the well-known local test account 0) through these variables.
    local: {
      type: "http",
      chainType: "l1",
      url: configVariable("GOVCHAIN_LOCAL_RPC_URL"),
      chainId: 86086,
      accounts: [configVariable("GOVCHAIN_LOCAL_DEPLOYER_KEY")],
    },
    // A government PoA chain (Besu QBFT). Nothing about it lives in the repository: the URL and the
    // deployer key come from the environment or the Hardhat keystore (`npx hardhat keystore set NAME`);
    // scripts/deploy.ts reads GOVCHAIN_CHAIN_ID the same way and checks the node against it.
    govchain: {
      type: "http",
      chainType: "l1",
      url: configVariable("GOVCHAIN_RPC_URL"),
      accounts: [configVariable("GOVCHAIN_DEPLOYER_KEY")],
    },
  },
  test: {
    solidity: {
      fuzz: { runs: 256 },
      invariant: { runs: 64, depth: 32, failOnRevert: false },
    },
  },
});
