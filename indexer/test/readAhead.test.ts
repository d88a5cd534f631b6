/**
 * The tender metadata read-ahead (src/metadataReadAhead.ts) against the platform's node (environment as
 * indexer.test.ts), with a document fetch the test controls: which documents it fetches and when, how many at
 * once, that each is handed to its event once, that documents of events already passed are dropped, and that a
 * node that does not answer leaves every document to be fetched directly.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createPublicClient, http, type Hex } from "viem";
import { createReadAhead } from "../src/metadataReadAhead.ts";
import { deployed, freePort, RPC_URL } from "./support.ts";

const escrow = deployed("TenderEscrow");
const chain = createPublicClient({ transport: http(RPC_URL) });
/** The read-ahead's defaults (GOVCHAIN_METADATA_READ_AHEAD_BLOCKS / _CONCURRENCY unset in the tests). */
const WINDOW = 200n;
const CONCURRENCY = 12;

interface Needed {
  digest: Hex;
  block: bigint;
}

/** Every document the seeded chain's TenderPublished/TenderAmended events name, in event order. */
async function neededDocuments(): Promise<Needed[]> {
  const logs = (await chain.getContractEvents({ address: escrow.address, abi: escrow.abi, fromBlock: BigInt(escrow.deployedBlock) })) as any[];
  return logs
    .filter((l) => l.eventName === "TenderPublished" || l.eventName === "TenderAmended")
    .map((l) => ({ digest: (l.args.params?.documentsDigest ?? l.args.documentsDigest) as Hex, block: l.blockNumber as bigint }));
}

/** A document fetch that records each call, counts those in flight and answers after a short delay. */
function recordingFetch() {
  const calls: Hex[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetchDocument = async (digest: Hex) => {
    calls.push(digest);
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    await new Promise((resolve) => setTimeout(resolve, 15));
    inFlight--;
    return { digest };
  };
  return { calls, fetchDocument, max: () => maxInFlight };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1_000));

describe("metadata read-ahead", () => {
  it("fetches the next blocks' documents a few at a time and hands each to its event once", async () => {
    const needed = await neededDocuments();
    assert.ok(needed.length >= 3, `the seeded chain names ${needed.length} tender documents`);
    const first = needed[0]!;
    const window = needed.filter((n) => n.block <= first.block + WINDOW);
    const distinct = new Set(window.map((n) => n.digest));
    const f = recordingFetch();
    const readAhead = createReadAhead({ rpcUrl: RPC_URL, escrow, fetchDocument: f.fetchDocument });

    assert.deepEqual(await readAhead.get(first.digest, first.block), { digest: first.digest });
    await settle();
    // Every document of the window was asked for once, never more than CONCURRENCY at a time.
    assert.deepEqual(new Set(f.calls), distinct);
    assert.equal(f.calls.length, distinct.size);
    assert.ok(f.max() <= CONCURRENCY, `${f.max()} fetches at once`);

    // Each later event of the window takes its prefetched document: no new fetch.
    const handed = new Set([first.digest]);
    for (const n of window.slice(1)) {
      if (handed.has(n.digest)) continue; // a digest seen before is in the indexer's store, not asked again
      handed.add(n.digest);
      assert.deepEqual(await readAhead.get(n.digest, n.block), { digest: n.digest });
    }
    assert.equal(f.calls.length, distinct.size);
    // Once handed over, a document is not kept: asked again, it is fetched again.
    await readAhead.get(first.digest, first.block);
    assert.equal(f.calls.length, distinct.size + 1);
  });

  it("drops the documents of events already passed when it reads further on", async () => {
    const needed = await neededDocuments();
    const [first, second] = needed;
    assert.ok(first && second && second.digest !== first.digest && second.block <= first.block + WINDOW);
    const f = recordingFetch();
    const readAhead = createReadAhead({ rpcUrl: RPC_URL, escrow, fetchDocument: f.fetchDocument });
    await readAhead.get(first.digest, first.block);
    await settle();
    const fetched = f.calls.length;
    assert.ok(f.calls.includes(second.digest));

    // An event past the window (its digest not read ahead) moves the read on; the second document, whose event
    // is now behind, is dropped rather than held, so asking for it fetches it again.
    const later = (0x01n << 248n).toString(16).padStart(64, "0");
    await readAhead.get(`0x${later}`, first.block + WINDOW + 1n);
    await settle();
    const before = f.calls.length;
    assert.ok(before > fetched, "the later event's document was fetched");
    await readAhead.get(second.digest, second.block);
    assert.equal(f.calls.length, before + 1);
    assert.equal(f.calls.at(-1), second.digest);
  });

  it("fetches each document directly when the node does not answer", async () => {
    const needed = await neededDocuments();
    const [first, second] = needed;
    const closed = `http://127.0.0.1:${await freePort()}`;
    const f = recordingFetch();
    const readAhead = createReadAhead({ rpcUrl: closed, escrow, fetchDocument: f.fetchDocument });
    assert.deepEqual(await readAhead.get(first!.digest, first!.block), { digest: first!.digest });
    assert.deepEqual(await readAhead.get(second!.digest, second!.block), { digest: second!.digest });
    await settle();
    assert.deepEqual(f.calls, [first!.digest, second!.digest]);
  });

  it("hands a failed read-ahead fetch to its event as it would a direct one", async () => {
    const needed = await neededDocuments();
    const [first, second] = needed;
    const failing = async (digest: Hex) => {
      if (digest === second!.digest) throw new Error("document store down");
      return { digest };
    };
    const readAhead = createReadAhead({ rpcUrl: RPC_URL, escrow, fetchDocument: failing });
    await readAhead.get(first!.digest, first!.block);
    await assert.rejects(readAhead.get(second!.digest, second!.block), /document store down/);
  });
});
