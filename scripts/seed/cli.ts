/**
 * `npm run seed -- --tenders N`: adds N realistic tenders in various states to a running local platform
 * (`npm start`), e.g. to measure the portal and the data service at 10,000 tenders. Prints a progress bar
 * and the rate.
 *
 * The tenders run in real time on the live chain (no clock travel, which would move the platform's
 * clock away from now): about half stay open (with 0 to 3 sealed bids), some are cancelled by their
 * department before the deadline, and the rest get a short bidding period of about two minutes, after
 * which bids are revealed and the tenders awarded (or failed, when every price is over budget). Their
 * metadata goes into the platform's document store (data/documents), signed by the publishing official.
 *
 *   npm run seed -- --tenders 10000 [--rpc http://127.0.0.1:8545] [--docs data/documents] [--seed 7]
 *                  [--deployment local-86086] [--bidding-seconds 120]
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

import { MaxUint256, type ContractTransactionResponse, type TransactionReceipt, type Wallet } from "ethers";

import { DEPLOYMENTS_DIR, type DeploymentManifest, MANIFEST_FILE } from "../../lib/deployments.js";
import { label32 } from "../../lib/hashing.js";
import { rankBids } from "../../lib/tenders.js";
import { FolderDocumentStore } from "../docstore/folderStore.js";
import { connect, receiptOf, revertReason, SeedError } from "./chain.js";
import { TENDER_TEMPLATES } from "./city.js";
import { random, staffOf, tenderMetadata } from "./index.js";

const YUAN = 100n;
const LOCAL_CHAIN_ID = 86086;

function fail(message: string): never {
  console.error(`seed: ${message}`);
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    tenders: { type: "string" },
    rpc: { type: "string", default: "http://127.0.0.1:8545" },
    docs: { type: "string", default: path.join("data", "documents") },
    deployment: { type: "string", default: `local-${LOCAL_CHAIN_ID}` },
    seed: { type: "string", default: String(Date.now() % 100_000) },
    "bidding-seconds": { type: "string", default: "120" },
  },
  strict: true,
});
if (values.tenders === undefined || !/^\d+$/.test(values.tenders) || Number(values.tenders) < 1 || Number(values.tenders) > 100_000) {
  fail("give --tenders N, a whole number from 1 to 100,000 (e.g. npm run seed -- --tenders 1000)");
}
const count = Number(values.tenders);
const biddingSeconds = Number(values["bidding-seconds"]);
if (!Number.isInteger(biddingSeconds) || biddingSeconds < 20 || biddingSeconds > 3600) fail("--bidding-seconds must be 20 to 3600");
if (!/^[\w-]+$/.test(values.deployment)) fail("--deployment must be a deployment id such as local-86086");
const manifestFile = path.join(DEPLOYMENTS_DIR, values.deployment, MANIFEST_FILE);
if (!existsSync(manifestFile)) fail(`no local deployment (${manifestFile}): start the platform with \`npm start\` first`);
const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as DeploymentManifest;

const chainId = await fetch(values.rpc, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
})
  .then(async (r) => Number(((await r.json()) as { result: string }).result))
  .catch(() => undefined);
if (chainId === undefined) fail(`no node answers at ${values.rpc}: start the platform with \`npm start\` first`);
if (chainId !== LOCAL_CHAIN_ID) fail(`the node at ${values.rpc} is chain ${chainId}, not the local platform's ${LOCAL_CHAIN_ID}`);

const platform = connect(values.rpc, LOCAL_CHAIN_ID, manifest);
const { tenders, token, directory, licenses } = platform;
if ((await platform.provider.getCode(manifest.contracts.TenderEscrow.address)) === "0x") {
  fail("the deployment manifest does not match this chain (no code at the escrow): restart with `npm start -- --reset`");
}
if ((await directory.departmentCount()) === 0n) fail("the platform is not seeded yet: wait for `npm start` to print ready");
const store = await FolderDocumentStore.open(values.docs);
const { dept, companies } = staffOf(platform);
const rnd = random(Number(values.seed));
const escrow = await tenders.getAddress();

/**
 * Sends with explicit nonces so that many transactions are in flight at once. Nonces are handed out
 * through a per-account promise chain, set synchronously, so concurrent sends never share one.
 */
const nonces = new Map<string, Promise<number>>();
function nextNonce(address: string): Promise<number> {
  const previous = nonces.get(address) ?? platform.provider.getTransactionCount(address, "pending").then((n) => n - 1);
  const next = previous.then((n) => n + 1);
  nonces.set(address, next);
  return next;
}
async function send(wallet: Wallet, make: (overrides: { nonce: number; gasLimit: bigint }) => Promise<ContractTransactionResponse>, gasLimit: bigint) {
  const nonce = await nextNonce(wallet.address);
  return make({ nonce, gasLimit });
}
/**
 * Like `settle`, for the steps a busy machine can be late for (a reveal after its window, then the award of
 * that tender): the refused ones are counted and named, and the seed goes on — such a tender simply keeps
 * its unrevealed bids, as when a real bidder misses the reveal.
 */
let refusedTotal = 0;
async function settleTolerant(what: string, txs: Promise<ContractTransactionResponse>[]): Promise<void> {
  const results = await Promise.allSettled(
    txs.map(async (pending) => {
      const tx = await pending;
      const receipt = await receiptOf(tx);
      if (receipt.status !== 1) throw new Error(await revertReason(tx));
    }),
  );
  const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  if (refused.length > 0) {
    refusedTotal += refused.length;
    const reasons = [...new Set(refused.map((r) => (r.reason as Error).message))].join(", ");
    console.log(`seed: ${refused.length} of ${txs.length} ${what} transactions refused (${reasons}); going on`);
  }
}

/** Waits for every transaction at once (one after another, each wait costs a polling round). */
async function settle(what: string, txs: Promise<ContractTransactionResponse>[]): Promise<TransactionReceipt[]> {
  return Promise.all(
    txs.map(async (tx) => {
      const sent = await tx;
      const receipt = await receiptOf(sent);
      if (receipt.status !== 1) throw new SeedError(`${what}: ${await revertReason(sent)}`);
      return receipt;
    }),
  );
}

let sent = 0;
const began = Date.now();
function progress(done: number, total: number, label: string) {
  const width = 30;
  const filled = Math.round((done / total) * width);
  const rate = sent / Math.max(0.001, (Date.now() - began) / 1000);
  const line = `seed: [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${label}, ${rate.toFixed(0)} tx/s`;
  if (process.stdout.isTTY) process.stdout.write(`\r${line}`);
  else if (Math.floor((done * 10) / total) > printedTenths) {
    // Not a terminal (a log file): a line at every tenth.
    printedTenths = Math.floor((done * 10) / total);
    console.log(line);
  }
}
let printedTenths = 0;

// The licence each tender needs, and who holds it.
const typeCount = Number(await licenses.typeCount());
const typeByCode = new Map<string, bigint>();
for (let id = 1; id <= typeCount; id++) typeByCode.set((await licenses.licenseType(id)).code, BigInt(id));
const holders = async (typeId: bigint) => {
  const valid = [];
  for (const c of companies) if (await licenses.hasValidLicense(c.wallet.address, typeId)) valid.push(c);
  return valid;
};
const bl = typeByCode.get("BL");
const constr = typeByCode.get("CONSTR-QUAL");
if (bl === undefined || constr === undefined) fail("the platform lacks the demo licence types: was it seeded by `npm start`?");
const bidderPools = { works: await holders(constr), other: await holders(bl) };

type Plan = { template: number; budget: bigint; fate: "open" | "cancel" | "cycle"; bids: number; lot: number; tenderId?: bigint };
const plans: Plan[] = Array.from({ length: count }, (_, i) => {
  const roll = rnd();
  return {
    template: Math.floor(rnd() * TENDER_TEMPLATES.length),
    budget: (BigInt(Math.round(50_000 + rnd() * 9_950_000)) / 1000n) * 1000n * YUAN, // 50 thousand to 10 million yuan
    fate: roll < 0.5 ? "open" : roll < 0.65 ? "cancel" : "cycle",
    bids: Math.floor(rnd() * 4),
    lot: i + 1,
  };
});
for (const p of plans) if (p.fate !== "open" && p.bids === 0) p.bids = 1 + Math.floor(rnd() * 3);

// Money: the treasuries fund every budget; the suppliers' credits cover every bond.
const byDepartment = new Map<string, bigint>();
for (const p of plans) {
  const code = TENDER_TEMPLATES[p.template].department;
  byDepartment.set(code, (byDepartment.get(code) ?? 0n) + p.budget);
}
const funding: Promise<ContractTransactionResponse>[] = [];
const admin = platform.account(0);
for (const [code, total] of byDepartment) {
  const treasury = dept(code).treasury;
  funding.push(send(admin, (o) => token.mint(treasury.address, total, o), 100_000n));
  funding.push(send(treasury, (o) => token.connect(treasury).approve(escrow, MaxUint256, o), 100_000n));
}
const bondTotal = plans.reduce((sum, p) => sum + (p.budget / 100n) * BigInt(p.bids), 0n);
for (const c of companies) {
  funding.push(send(admin, (o) => token.mint(c.wallet.address, bondTotal, o), 100_000n));
  funding.push(send(c.wallet, (o) => token.connect(c.wallet).approve(escrow, MaxUint256, o), 100_000n));
  funding.push(send(c.wallet, (o) => tenders.connect(c.wallet).depositBond(bondTotal, o), 150_000n));
}
await settle("funding", funding);

const latest = async () => BigInt((await platform.provider.getBlock("latest"))!.timestamp);
const openDeadline = (await latest()) + 30n * 24n * 3600n;

const salt = (p: Plan, k: number) => label32(`bulk-${p.tenderId}-${k}`);
const priceOf = (p: Plan, k: number) => (p.budget * BigInt(80 + ((Number(p.tenderId) * 7 + k * 13) % 30))) / 100n;
const biddersOf = (p: Plan) => {
  const pool = TENDER_TEMPLATES[p.template].category === "works" ? bidderPools.works : bidderPools.other;
  return pool.slice(0, Math.min(p.bids, pool.length));
};

/**
 * The short tenders of one batch: they share deadlines set when the batch is published, so that however many
 * tenders there are, each batch's bids are sealed in time and its reveal window is still open when it comes.
 */
interface Cycle {
  plans: Plan[];
  commitDeadline: bigint;
  revealDeadline: bigint;
  stage: "bidding" | "revealed" | "awarded";
}
const cycles: Cycle[] = [];

async function reveal(cycle: Cycle) {
  const txs: Promise<ContractTransactionResponse>[] = [];
  for (const p of cycle.plans) {
    for (const [k, c] of biddersOf(p).entries()) {
      txs.push(send(c.wallet, (o) => tenders.connect(c.wallet).revealBid(p.tenderId!, priceOf(p, k), salt(p, k), o), 200_000n));
    }
  }
  await settleTolerant("reveal", txs);
  sent += txs.length;
  cycle.stage = "revealed";
}

async function award(cycle: Cycle) {
  const txs: Promise<ContractTransactionResponse>[] = [];
  for (const p of cycle.plans) {
    // Every revealed bid, ranked by price then commit sequence (the order the escrow checks).
    const bids = await Promise.all(
      biddersOf(p).map(async (c) => {
        const bid = await tenders.bidOf(p.tenderId!, c.wallet.address);
        return { bidder: c.wallet.address, price: bid.price, sequence: bid.sequence };
      }),
    );
    txs.push(send(admin, (o) => tenders.award(p.tenderId!, rankBids(bids), o), 1_000_000n));
  }
  await settleTolerant("award", txs);
  sent += txs.length;
  cycle.stage = "awarded";
}

/** Reveals and awards whatever is due on the chain's clock now. */
async function advance() {
  const now = await latest();
  for (const cycle of cycles) {
    if (cycle.stage === "bidding" && now >= cycle.commitDeadline) await reveal(cycle);
    if (cycle.stage === "revealed" && now >= cycle.revealDeadline) await award(cycle);
  }
}

// Publish in batches, seal the batch's bids at once, and move earlier batches along as their deadlines pass.
const BATCH = 100;
for (let i = 0; i < plans.length; i += BATCH) {
  const batch = plans.slice(i, i + BATCH);
  const start = await latest();
  // The reveal window is twice the bidding period: a busy machine may take a while to come back to this batch.
  const cycle: Cycle = { plans: batch.filter((p) => p.fate === "cycle"), commitDeadline: start + BigInt(biddingSeconds), revealDeadline: start + BigInt(3 * biddingSeconds), stage: "bidding" };
  const txs = [];
  for (const p of batch) {
    const template = TENDER_TEMPLATES[p.template];
    const official = dept(template.department).official;
    const budgetYuan = Number(p.budget / YUAN);
    const lotTemplate = {
      ...template,
      title: { zh: `${template.title.zh}（第${p.lot}包）`, en: `${template.title.en} (lot ${p.lot})` },
    };
    const { digest, milestoneDigests } = await tenderMetadata(store, official, lotTemplate, budgetYuan);
    const short = p.fate === "cycle";
    txs.push(
      send(
        official,
        (o) =>
          tenders.connect(official).publish(
            {
              documentsDigest: digest,
              metadataURI: "",
              category: label32(template.category),
              budget: p.budget,
              bidBond: p.budget / 100n,
              commitDeadline: short ? cycle.commitDeadline : openDeadline,
              revealDeadline: short ? cycle.revealDeadline : openDeadline + 3n * 24n * 3600n,
              complaintWindow: 5n * 24n * 3600n,
              acceptingDepartment: dept(template.department).id,
              licenseTypeId: template.category === "works" ? constr : bl,
              milestoneSharesBps: template.milestones.map((m) => m.share),
              milestoneDigests,
            },
            o,
          ),
        1_500_000n,
      ),
    );
  }
  const receipts = await settle("publish", txs);
  receipts.forEach((receipt, k) => {
    const log = receipt.logs.map((l) => tenders.interface.parseLog(l)).find((e) => e?.name === "TenderPublished");
    batch[k].tenderId = log!.args.tenderId as bigint;
  });
  sent += txs.length;
  await advance();
  const bidTxs: Promise<ContractTransactionResponse>[] = [];
  for (const p of batch) {
    for (const [k, c] of biddersOf(p).entries()) {
      const commitment = await tenders.commitmentOf(p.tenderId!, c.wallet.address, priceOf(p, k), salt(p, k));
      bidTxs.push(send(c.wallet, (o) => tenders.connect(c.wallet).commitBid(p.tenderId!, commitment, o), 200_000n));
    }
  }
  await settle("commit", bidTxs);
  sent += bidTxs.length;
  if (cycle.plans.length > 0) cycles.push(cycle);
  progress(Math.min(i + BATCH, plans.length), plans.length, "published and bid on");
  await advance();
}
if (process.stdout.isTTY) process.stdout.write("\n");

// Cancellations before the deadline (open tenders' deadlines are a month away).
const cancels = plans.filter((p) => p.fate === "cancel");
const cancelTxs = cancels.map((p) => {
  const official = dept(TENDER_TEMPLATES[p.template].department).official;
  const bidders = biddersOf(p)
    .map((c) => c.wallet.address)
    .sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  return send(official, (o) => tenders.connect(official).cancel(p.tenderId!, 2, bidders, o), 500_000n);
});
await settle("cancel", cancelTxs);
sent += cancelTxs.length;
console.log(`seed: ${cancels.length} cancelled by their departments`);

// The last short tenders: wait for their deadlines on the chain's clock.
const short = cycles.reduce((n, c) => n + c.plans.length, 0);
if (short > 0) console.log(`seed: revealing and awarding ${short} short tenders as their deadlines pass (bidding period ${biddingSeconds} s)…`);
while (cycles.some((c) => c.stage !== "awarded")) {
  await advance();
  if (cycles.some((c) => c.stage !== "awarded")) await new Promise((r) => setTimeout(r, 1000));
}
const seconds = (Date.now() - began) / 1000;
console.log(
  `seed: added ${count} tenders (${sent} transactions${refusedTotal > 0 ? `, ${refusedTotal} refused` : ""}) in ${seconds.toFixed(0)} s, ${(sent / seconds).toFixed(0)} tx/s`,
);
process.exit(0);
