/**
 * The OCDS 1.1.5 package schemas loaded into ajv, once for every test that validates OCDS output (the
 * lib/ocds tests and the indexer's). The schemas are JSON Schema draft-04 and `ajv-draft-04` is not
 * installed, so they are loaded into ajv 8 (draft-07 mode) after renaming the draft-04 `id` to `$id` and
 * dropping `$schema`; that is sound for these four files because their only draft-04-specific syntax is
 * that `id` (checked on load). OCDS's own metadata keywords are declared annotation-only so ajv stays
 * strict, and the `date-time` and `uri` formats are checked by the regular expressions below.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { Ajv, type ValidateFunction } from "ajv";

/**
 * A copy of the OCDS 1.1.5 schemas and codelists (Apache-2.0, see its README) lives in the repository so the
 * tests run in any clone; OCDS_SCHEMA_DIR points elsewhere (e.g. ../shared/ocds-1.1.5 on the build machines).
 */
export const OCDS_SCHEMA_DIR =
  process.env.OCDS_SCHEMA_DIR !== undefined
    ? path.resolve(process.env.OCDS_SCHEMA_DIR)
    : fileURLToPath(new URL("../fixtures/ocds-1.1.5/", import.meta.url));

export const OCDS_SCHEMA_BASE = "https://standard.open-contracting.org/schema/1__1__5/";

type Schema = { [key: string]: unknown };

function loadSchema(dir: string, file: string): Schema {
  const schema = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Schema;
  const text = JSON.stringify(schema);
  // The draft-04 features the conversion below does not handle must be absent.
  if (/"exclusiveM(in|ax)imum":\s*(true|false)/.test(text)) throw new Error(`${file}: boolean exclusiveMinimum/Maximum`);
  if ((text.match(/"id":\s*"http/g) ?? []).length !== 1) throw new Error(`${file}: a nested draft-04 id`);
  const { id, $schema: _draft04, ...rest } = schema;
  return { $id: id, ...rest };
}

export function ocdsValidators(dir = OCDS_SCHEMA_DIR): { releasePackage: ValidateFunction; recordPackage: ValidateFunction } {
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
  // OCDS annotations (no validation meaning); ajv already knows `deprecated`.
  ajv.addVocabulary(["codelist", "openCodelist", "mergeStrategy", "omitWhenMerged", "wholeListMerge", "versionId"]);
  ajv.addFormat("date-time", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
  ajv.addFormat("uri", /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/);
  for (const f of ["release-schema.json", "versioned-release-validation-schema.json", "release-package-schema.json", "record-package-schema.json"]) {
    ajv.addSchema(loadSchema(dir, f));
  }
  return {
    releasePackage: ajv.getSchema(`${OCDS_SCHEMA_BASE}release-package-schema.json`)!,
    recordPackage: ajv.getSchema(`${OCDS_SCHEMA_BASE}record-package-schema.json`)!,
  };
}
