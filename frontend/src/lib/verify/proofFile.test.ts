import { documentDigest, holderCommitment, label32 } from "@lib/hashing.js";
import { buildBatch } from "@lib/merkle.js";
import { describe, expect, it } from "vitest";

import { parseProofFile, ProofFileError, type ProofFileProblem, rootFromProof } from "./proofFile";

// A batch built the way the seed and the console build them (lib/merkle.ts, OpenZeppelin's standard tree).
const items = Array.from({ length: 13 }, (_, i) => ({
  digest: documentDigest(`diploma ${i}`),
  holderCommitment: holderCommitment(`holder ${i}`, label32(`salt ${i}`)),
}));
const batch = buildBatch(items);
const fileFor = (i: number) => JSON.stringify({ batchId: "4", root: batch.root, ...batch.proofs[i] }, null, 2);

describe("a batch proof file", () => {
  it("is read as the seed writes it", () => {
    const file = parseProofFile(fileFor(7));
    expect(file.batchId).toBe(4n);
    expect(file.index).toBe(7);
    expect(file.root).toBe(batch.root);
    expect(file.digest).toBe(items[7].digest);
    expect(file.proof).toEqual(batch.proofs[7].proof);
  });

  it("leads to the batch's root in the browser, for every item", () => {
    for (const i of items.keys()) expect(rootFromProof(parseProofFile(fileFor(i)))).toBe(batch.root);
  });

  it("leads elsewhere for another document, index or holder", () => {
    const file = parseProofFile(fileFor(3));
    expect(rootFromProof({ ...file, digest: items[4].digest })).not.toBe(batch.root);
    expect(rootFromProof({ ...file, index: 4 })).not.toBe(batch.root);
    expect(rootFromProof({ ...file, holderCommitment: items[4].holderCommitment })).not.toBe(batch.root);
  });

  it("refuses bad input with the field at fault", () => {
    const good = JSON.parse(fileFor(0)) as Record<string, unknown>;
    const cases: [string, ProofFileProblem][] = [
      ["not json {", "notJson"],
      ["[1,2]", "notObject"],
      ["null", "notObject"],
      [JSON.stringify({ ...good, batchId: "0" }), "badBatchId"],
      [JSON.stringify({ ...good, batchId: "1e3" }), "badBatchId"],
      [JSON.stringify({ ...good, root: "0x12" }), "badRoot"],
      [JSON.stringify({ ...good, index: -1 }), "badIndex"],
      [JSON.stringify({ ...good, index: 1.5 }), "badIndex"],
      [JSON.stringify({ ...good, digest: undefined }), "badDigest"],
      [JSON.stringify({ ...good, holderCommitment: "zz" }), "badHolderCommitment"],
      [JSON.stringify({ ...good, proof: "0x00" }), "badProof"],
      [JSON.stringify({ ...good, proof: ["0x1234"] }), "badProof"],
      [JSON.stringify({ ...good, proof: Array(65).fill(batch.root) }), "badProof"],
    ];
    for (const [text, problem] of cases) expect(() => parseProofFile(text), problem).toThrow(new ProofFileError(problem));
  });

  it("accepts a numeric batch id and an empty proof (a batch of one)", () => {
    const single = buildBatch([items[0]]);
    const file = parseProofFile(JSON.stringify({ batchId: 2, root: single.root, ...single.proofs[0] }));
    expect(file.batchId).toBe(2n);
    expect(rootFromProof(file)).toBe(single.root);
  });
});
