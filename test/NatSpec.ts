import { expect } from "chai";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * The interfaces are the public spec the dApp's messages are written from. solhint's use-natspec checks
 * functions, events and structs (`npm run lint:sol`); it does not look at custom errors, so this does:
 * every error declared in an interface (and in the contracts that declare their own) is preceded by a
 * `/// @notice` that says what went wrong.
 */
const FILES = [
  ...readdirSync("contracts/interfaces").map((f) => path.join("contracts/interfaces", f)),
  "contracts/authority/GovchainAccessManager.sol",
  "contracts/authority/FixedAuthority.sol",
];

function undocumentedErrors(file: string): string[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const missing: string[] = [];
  lines.forEach((line, i) => {
    const match = /^\s*error\s+(\w+)\s*\(/.exec(line);
    if (match === null) return;
    let j = i - 1;
    const doc: string[] = [];
    while (j >= 0 && lines[j].trim().startsWith("///")) doc.unshift(lines[j--].trim());
    const notice = doc.find((l) => l.startsWith("/// @notice"));
    if (notice === undefined || notice.replace("/// @notice", "").trim().length < 10) missing.push(match[1]);
  });
  return missing;
}

describe("NatSpec of custom errors", function () {
  for (const file of FILES) {
    it(`every error in ${file} has a @notice`, function () {
      expect(undocumentedErrors(file)).to.deep.equal([]);
    });
  }
});
