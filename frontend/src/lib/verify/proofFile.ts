/**
 * The proof file of a certificate in a Merkle batch (written next to the documents when the batch is
 * anchored: `{ batchId, root, index, digest, holderCommitment, proof }`), and the browser's own check of
 * it: the leaf and root of OpenZeppelin's standard tree, as lib/merkle.ts builds it and the registry's
 * MerkleProof checks it.
 */
import { encodeAbiParameters, type Hex, keccak256, parseAbiParameters } from "viem";

export interface BatchProofFile {
  readonly batchId: bigint;
  readonly root: Hex;
  readonly index: number;
  readonly digest: Hex;
  readonly holderCommitment: Hex;
  readonly proof: readonly Hex[];
}

export type ProofFileProblem = "notJson" | "notObject" | "badBatchId" | "badRoot" | "badIndex" | "badDigest" | "badHolderCommitment" | "badProof";

/** Why a file is not a usable proof file; `problem` names the field at fault. */
export class ProofFileError extends Error {
  constructor(readonly problem: ProofFileProblem) {
    super(`not a batch proof file: ${problem}`);
    this.name = "ProofFileError";
  }
}

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;
/** Enough for any tree of MAX_BATCH_SIZE (2^16) leaves, with room to spare; refuses absurd files. */
const MAX_PROOF_LENGTH = 64;

function bytes32(value: unknown, problem: ProofFileProblem): Hex {
  if (typeof value !== "string" || !BYTES32.test(value)) throw new ProofFileError(problem);
  return value.toLowerCase() as Hex;
}

export function parseProofFile(text: string): BatchProofFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ProofFileError("notJson");
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new ProofFileError("notObject");
  const file = json as Record<string, unknown>;

  const batchIdText = typeof file.batchId === "number" ? String(file.batchId) : file.batchId;
  if (typeof batchIdText !== "string" || !/^[1-9][0-9]{0,77}$/.test(batchIdText)) throw new ProofFileError("badBatchId");
  const index = file.index;
  if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index > 0xffff_ffff) throw new ProofFileError("badIndex");
  if (!Array.isArray(file.proof) || file.proof.length > MAX_PROOF_LENGTH) throw new ProofFileError("badProof");

  return {
    batchId: BigInt(batchIdText),
    root: bytes32(file.root, "badRoot"),
    index,
    digest: bytes32(file.digest, "badDigest"),
    holderCommitment: bytes32(file.holderCommitment, "badHolderCommitment"),
    proof: file.proof.map((node) => bytes32(node, "badProof")),
  };
}

const LEAF_ENCODING = parseAbiParameters("uint32, bytes32, bytes32");

/** The standard tree's leaf: keccak256(keccak256(abi.encode(index, digest, holderCommitment))). */
export function batchLeaf(index: number, digest: Hex, holderCommitment: Hex): Hex {
  return keccak256(keccak256(encodeAbiParameters(LEAF_ENCODING, [index, digest, holderCommitment])));
}

/** The root a proof leads to from its leaf (pairs hashed in sorted order, as OpenZeppelin's MerkleProof). */
export function rootFromProof(file: Pick<BatchProofFile, "index" | "digest" | "holderCommitment" | "proof">): Hex {
  return file.proof.reduce<Hex>(
    (node, sibling) => {
      const [low, high] = BigInt(node) < BigInt(sibling) ? [node, sibling] : [sibling, node];
      return keccak256(`0x${low.slice(2)}${high.slice(2)}`);
    },
    batchLeaf(file.index, file.digest, file.holderCommitment),
  );
}
