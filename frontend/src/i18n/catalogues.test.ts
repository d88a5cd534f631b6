import { describe, expect, it } from "vitest";

import { en } from "./en";
import { zhCN } from "./zh-CN";

/** Every leaf of a catalogue as "a.b.c" → text. */
function leaves(catalogue: object, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (value !== null && typeof value === "object") for (const [k, v] of leaves(value, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();
/** The <tag>s a text hands to <Trans components>, in order. */
const tags = (text: string) => [...text.matchAll(/<\/?(\w+)>/g)].map((match) => match[0]);

describe("the zh-CN and English catalogues", () => {
  const zh = leaves(zhCN);
  const english = leaves(en);

  it("have the same keys: none in one and not the other", () => {
    expect([...zh.keys()].filter((key) => !english.has(key))).toEqual([]);
    expect([...english.keys()].filter((key) => !zh.has(key))).toEqual([]);
    expect(zh.size).toBeGreaterThan(50);
  });

  it("have a non-empty string for every key", () => {
    for (const [key, text] of [...zh, ...english]) {
      expect(typeof text, key).toBe("string");
      expect((text as string).trim(), key).not.toBe("");
    }
  });

  it("use the same interpolation variables and markup for each key", () => {
    for (const [key, text] of zh) {
      expect(variables(english.get(key) as string), key).toEqual(variables(text as string));
      expect(tags(english.get(key) as string), key).toEqual(tags(text as string));
    }
  });

  it("are really translated: the Chinese text of a sentence has Chinese characters", () => {
    for (const [key, text] of zh) {
      if (key.startsWith("language.") || key === "platform.shortName" || key === "status.notYetKnown") continue;
      expect(text as string, key).toMatch(/\p{Script=Han}/u);
    }
  });
});
