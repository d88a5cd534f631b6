/**
 * Read-ahead for tender metadata documents. Indexing functions run one event at a time, so fetching each
 * tender's metadata from the document store when its TenderPublished event is indexed makes a backfill wait
 * for thousands of sequential round trips. When a handler needs a document that was not read ahead, this
 * reads the escrow's TenderPublished/TenderAmended logs of the next blocks from the node and starts fetching
 * their documents, a few at a time, so that the handlers that follow find them ready.
 *
 * It is only a cache in front of the fetch: every document is still checked against its on-chain digest
 * (by `fetchDocument`, the same function a direct fetch uses), and any failure here (node or store down)
 * just leaves the handler to fetch directly.
 */
import { createPublicClient, getAbiItem, http, type Abi, type AbiEvent, type Address, type Hex } from "viem";

/** Blocks read ahead per log query; documents fetched at once. */
function setting(name: string, fallback: number, max: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isSafeInteger(value) || value < 1 || value > max) throw new Error(`${name} must be 1 to ${max}, not ${process.env[name]}`);
  return value;
}
const WINDOW_BLOCKS = BigInt(setting("GOVCHAIN_METADATA_READ_AHEAD_BLOCKS", 200, 100_000));
const CONCURRENCY = setting("GOVCHAIN_METADATA_READ_AHEAD_CONCURRENCY", 12, 64);
/** At most this many documents are queued or wait in memory for their event. */
const MAX_HELD = 5_000;

export function createReadAhead<T>(options: { rpcUrl: string; escrow: { address: Address; abi: Abi }; fetchDocument: (digest: Hex) => Promise<T> }) {
  const client = createPublicClient({ transport: http(options.rpcUrl, { retryCount: 0, timeout: 10_000 }) });
  const events = ["TenderPublished", "TenderAmended"].map((name) => getAbiItem({ abi: options.escrow.abi, name }) as AbiEvent);
  /** Started fetches, by digest, with the block of the event that needs them. */
  const started = new Map<Hex, { block: bigint; result: Promise<T> }>();
  /** Digests waiting for a free fetch slot, in event order, with their event's block. */
  const queued = new Map<Hex, bigint>();
  /** The last block whose documents were queued (the next read starts after it). */
  let readUpTo = -1n;
  let running = 0;

  function pump() {
    for (const [digest, block] of queued) {
      if (running >= CONCURRENCY) return;
      queued.delete(digest);
      running++;
      const result = options.fetchDocument(digest);
      started.set(digest, { block, result });
      // Handled here (a rejection is handed to the event's handler by `get`, never left unhandled meanwhile).
      const done = () => {
        running--;
        pump();
      };
      result.then(done, done);
    }
  }

  async function readFrom(block: bigint) {
    // Documents of events already passed were not asked for (their digest was indexed before): drop them.
    for (const [digest, entry] of started) if (entry.block < block) started.delete(digest);
    for (const [digest, at] of queued) if (at < block) queued.delete(digest);
    try {
      const head = await client.getBlockNumber({ cacheTime: 1_000 });
      const toBlock = block + WINDOW_BLOCKS < head ? block + WINDOW_BLOCKS : head;
      readUpTo = toBlock;
      const logs = await client.getLogs({ address: options.escrow.address, events, fromBlock: block, toBlock, strict: false });
      for (const log of logs) {
        const args = log.args as { params?: { documentsDigest?: Hex }; documentsDigest?: Hex };
        const digest = args.params?.documentsDigest ?? args.documentsDigest;
        if (!digest || started.has(digest) || started.size + queued.size >= MAX_HELD) continue;
        queued.set(digest, log.blockNumber!);
      }
      pump();
    } catch {
      // The node is down or refused the range: the handlers fetch directly.
      readUpTo = block;
    }
  }

  return {
    /** The document for `digest`, needed by an event at `block`: the read-ahead fetch if one was made, else fetched now. */
    async get(digest: Hex, block: bigint): Promise<T> {
      if (!started.has(digest) && !queued.has(digest) && block > readUpTo) await readFrom(block);
      queued.delete(digest);
      const result = started.get(digest)?.result ?? options.fetchDocument(digest);
      started.delete(digest);
      return result;
    },
  };
}
