/**
 * `npm run docs:serve -- [--root data/documents] [--port 0] [--host 127.0.0.1] [--max-bytes N] [--quiet]`
 * Runs the document store alone (`npm start` runs it with the rest of the platform) and prints
 * `docs: http://127.0.0.1:<port>`. Ctrl-C or SIGTERM stops it.
 */
import { parseArgs } from "node:util";

import { startDocumentStore } from "./server.js";

function usage(problem: string): never {
  console.error(`docs:serve: ${problem}`);
  console.error("usage: npm run docs:serve -- [--root data/documents] [--port 0] [--host 127.0.0.1] [--max-bytes 10485760] [--quiet]");
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      root: { type: "string", default: "data/documents" },
      port: { type: "string", default: "0" },
      host: { type: "string", default: "127.0.0.1" },
      "max-bytes": { type: "string" },
      quiet: { type: "boolean", default: false },
    },
  }));
} catch (error) {
  usage((error as Error).message);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`--port must be 0–65535, got ${values.port}`);
const maxBytes = values["max-bytes"] === undefined ? undefined : Number(values["max-bytes"]);
if (maxBytes !== undefined && !(Number.isInteger(maxBytes) && maxBytes > 0)) usage(`--max-bytes must be a positive integer`);

let running;
try {
  running = await startDocumentStore({ root: values.root, port, host: values.host, maxBytes, log: values.quiet ? false : undefined });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE") usage(`port ${port} on ${values.host} is taken: stop what uses it, or pass another --port (0 picks a free one)`);
  usage((error as Error).message);
}
console.log(`docs: ${running.url}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
