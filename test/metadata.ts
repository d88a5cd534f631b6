import { expect } from "chai";

import { canonicalJson, encodeDocument, parseTenderMetadata, type TenderMetadata } from "../lib/metadata.js";
import { documentDigest } from "../lib/hashing.js";

const metadata: TenderMetadata = {
  format: "govchain-tender-metadata-1",
  title: { zh: "解放路道路改造工程", en: "Jiefang Road reconstruction" },
  description: { zh: "道路改造", en: "Road works" },
  category: "works",
  items: [{ description: { zh: "道路", en: "Road" }, quantity: 2.3, unit: { zh: "公里", en: "km" } }],
  milestones: [{ zh: "竣工验收", en: "Completion acceptance" }],
  documents: [{ name: "招标文件.pdf", digest: documentDigest("tender file"), mediaType: "application/pdf", size: 11 }],
};

describe("lib/metadata (off-chain document formats)", function () {
  it("serialises canonically: the same value in any key order gives the same bytes and digest", function () {
    const reordered = JSON.parse(JSON.stringify({ ...metadata, format: undefined, category: "works" })) as Record<string, unknown>;
    const shuffled = { documents: metadata.documents, category: "works", ...reordered, format: metadata.format } as TenderMetadata;
    expect(canonicalJson(shuffled)).to.equal(canonicalJson(metadata));
    expect(encodeDocument(shuffled).digest).to.equal(encodeDocument(metadata).digest);
    expect(canonicalJson({ b: [1, { d: 1, c: "x" }], a: null })).to.equal('{"a":null,"b":[1,{"c":"x","d":1}]}');
  });

  it("the digest is the SHA-256 of the published bytes, and parsing them gives the metadata back", function () {
    const { bytes, digest } = encodeDocument(metadata);
    expect(digest).to.equal(documentDigest(bytes));
    expect(parseTenderMetadata(bytes)).to.deep.equal(metadata);
  });

  it("refuses bytes that are not the format with a plain reason", function () {
    const bad = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
    expect(() => parseTenderMetadata(new Uint8Array([0xff, 0xfe]))).to.throw("not UTF-8 JSON");
    expect(() => parseTenderMetadata(bad({ ...metadata, format: "other" }))).to.throw("unknown format");
    expect(() => parseTenderMetadata(bad({ ...metadata, title: { zh: "只有中文" } }))).to.throw("title or description");
    expect(() => parseTenderMetadata(bad({ ...metadata, category: "weapons" }))).to.throw("category");
    expect(() => parseTenderMetadata(bad({ ...metadata, documents: [{ name: "x", digest: "0x12" }] }))).to.throw("document list");
  });
});
