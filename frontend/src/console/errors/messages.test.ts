import { describe, expect, it } from "vitest";

import { DEPLOYED_ERRORS, decodeRevertData } from "./decode";
import { errorSentence } from "./formatError";
import { ERROR_MESSAGES } from "./messages";
import { encodeErrorResult, type Hex } from "viem";
import { abis } from "../../contracts";

describe("error message catalogue", () => {
  it("has a Chinese and an English sentence for every custom error of every deployed ABI", () => {
    expect(DEPLOYED_ERRORS.length).toBeGreaterThan(0);
    const missing = DEPLOYED_ERRORS.filter((error) => {
      const message = Object.hasOwn(ERROR_MESSAGES, error.name) ? ERROR_MESSAGES[error.name] : undefined;
      return message === undefined || message[0].trim() === "" || message[1].trim() === "";
    }).map((error) => error.name);
    expect(missing).toEqual([]);
  });

  it("only names arguments the error has, in both languages", () => {
    const wrong: string[] = [];
    for (const error of DEPLOYED_ERRORS) {
      const names = new Set(error.inputs.map((input: { name?: string }) => input.name));
      for (const sentence of ERROR_MESSAGES[error.name]) {
        for (const [, name] of sentence.matchAll(/\{(\w+)\}/g)) if (!names.has(name)) wrong.push(`${error.name}: {${name}}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("catalogues no error that no deployed ABI has", () => {
    const deployed = new Set(DEPLOYED_ERRORS.map((error) => error.name));
    expect(Object.keys(ERROR_MESSAGES).filter((name) => !deployed.has(name))).toEqual([]);
  });
});

describe("decodeRevertData", () => {
  it("decodes a directory error raised through the access manager, with its arguments", () => {
    const data = encodeErrorResult({
      abi: abis.DepartmentDirectory,
      errorName: "DirectoryNotHead",
      args: [3, "0x00000000000000000000000000000000000000aa"],
    }) as Hex;
    const decoded = decodeRevertData(data);
    expect(decoded).toMatchObject({
      kind: "custom",
      name: "DirectoryNotHead",
      args: { departmentId: 3 },
    });
    if (decoded.kind !== "custom") throw new Error("not decoded");
    expect(errorSentence(decoded.name, decoded.args, "zh-CN")).toBe("0x0000…00AA 不是部门 3 的负责人，不能办理此事项。");
    expect(errorSentence(decoded.name, decoded.args, "en")).toBe("0x0000…00AA is not the head of department 3 and cannot do this.");
    // With the directory's names at hand, the department is named.
    expect(errorSentence(decoded.name, decoded.args, "zh-CN", (id) => (id === 3 ? "公安局 (PSB)" : undefined))).toBe(
      "0x0000…00AA 不是公安局 (PSB) 的负责人，不能办理此事项。",
    );
  });

  it("reports data no ABI knows as unknown", () => {
    expect(decodeRevertData("0xdeadbeef")).toEqual({
      kind: "unknown-revert",
      data: "0xdeadbeef",
    });
  });
});
