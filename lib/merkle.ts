/**
 * Merkle batches of certificates: one on-chain root for thousands of documents. Uses OpenZeppelin's
 * standard tree (the leaf is keccak256(keccak256(abi.encode(index, digest, holderCommitment))), which
 * the registry checks with MerkleProof), so any OpenZeppelin-compatible tool can verify a proof.
 */
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";

import { documentDigest, type Hex } from "./hashing.js";

export const BATCH_LEAF_ENCODING = ["uint32", "bytes32", "bytes32"];

/** The largest batch `CertificateRegistry.anchorBatch` accepts (its MAX_BATCH_SIZE): split larger sets. */
export const MAX_BATCH_SIZE = 65_536;

export interface BatchItem {
  readonly digest: Hex;
  readonly holderCommitment: Hex;
}

/** Everything a holder needs to prove their document belongs to an anchored batch. */
export interface BatchProof extends BatchItem {
  readonly index: number;
  readonly proof: Hex[];
}

export interface Batch {
  readonly root: Hex;
  readonly count: number;
  readonly proofs: BatchProof[];
  /** OpenZeppelin's JSON dump of the whole tree, to archive next to the documents. */
  readonly dump: unknown;
}

type Leaf = [number, Hex, Hex];

/** Builds the tree for `items`, in order: item i has index i. */
export function buildBatch(items: readonly BatchItem[]): Batch {
  if (items.length === 0) throw new Error("a batch needs at least one item");
  if (items.length > MAX_BATCH_SIZE) {
    throw new Error(`a batch holds at most ${MAX_BATCH_SIZE} items (the registry's MAX_BATCH_SIZE), not ${items.length}: split it`);
  }
  const seen = new Set<string>();
  for (const item of items) {
    const key = item.digest.toLowerCase();
    if (seen.has(key)) throw new Error(`digest ${item.digest} appears twice in the batch`);
    seen.add(key);
  }
  const leaves: Leaf[] = items.map((item, index) => [index, item.digest, item.holderCommitment]);
  const tree = StandardMerkleTree.of(leaves, BATCH_LEAF_ENCODING);
  const proofs = items.map((item, index) => ({
    index,
    digest: item.digest,
    holderCommitment: item.holderCommitment,
    proof: tree.getProof(index) as Hex[],
  }));
  return { root: tree.root as Hex, count: items.length, proofs, dump: tree.dump() };
}

/** Builds a batch from files' bytes (digest = SHA-256 of each file). */
export function buildBatchFromFiles(files: readonly { bytes: Uint8Array; holderCommitment: Hex }[]): Batch {
  return buildBatch(files.map((f) => ({ digest: documentDigest(f.bytes), holderCommitment: f.holderCommitment })));
}

/** Checks a proof off chain, the same way the registry does on chain. */
export function verifyBatchProof(root: Hex, item: BatchProof): boolean {
  return StandardMerkleTree.verify(root, BATCH_LEAF_ENCODING, [item.index, item.digest, item.holderCommitment], item.proof);
}
