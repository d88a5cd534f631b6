/**
 * Node-only helpers for the status-list files `npm run status-list` writes (paths on disk). The
 * browser-safe status-list code is lib/statusList.ts.
 */
import { isAbsolute, relative, resolve, sep } from "node:path";

import { isValidTypeCode, type StatusPurpose } from "../statusList.js";

/** The files `npm run status-list` writes for a type. */
export type StatusListFile = StatusPurpose | "index";

/**
 * The path of one status-list output file, `<root>/<subfolder>/<code>-<file>.json`. Throws unless `code`
 * is a valid type code and the result stays inside `root` (so neither a code read from a chain nor a
 * configured subfolder can make the script write anywhere else).
 */
export function statusListOutputPath(root: string, subfolder: string, code: string, file: StatusListFile): string {
  if (!isValidTypeCode(code)) {
    throw new Error(`${JSON.stringify(code)} is not a certificate type code (2 to 16 of A-Z 0-9 - _)`);
  }
  const base = resolve(root);
  const path = resolve(base, subfolder, `${code}-${file}.json`);
  const inside = relative(base, path);
  if (inside === "" || inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw new Error(`status-list output must stay inside ${base}, not ${path}`);
  }
  return path;
}

