/**
 * A fresh PostgreSQL database for a run (the data service's tests, the API benchmark), so that nothing of an
 * earlier run (tables, or Ponder's RPC cache in ponder_sync) is reused. pg is Ponder's own driver, taken
 * from the indexer's packages.
 */
import { createRequire } from "node:module";
import path from "node:path";

const INDEXER_DIR = path.resolve("indexer");

type PgClient = { connect(): Promise<void>; end(): Promise<void>; query(sql: string): Promise<unknown> };
/** pg from the indexer's packages (Ponder's own driver). */
function pgClient(url: string): PgClient {
  const pg = createRequire(path.join(INDEXER_DIR, "package.json"))("pg") as { Client: new (options: { connectionString: string }) => PgClient };
  return new pg.Client({ connectionString: url });
}

/** A fresh database for the run (dropped by the returned function), or the given one when it cannot be created. */
export async function freshDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `govchain_run_${Date.now()}`;
  const admin = pgClient(url);
  try {
    await admin.connect();
    await admin.query(`create database ${name}`);
  } catch (error) {
    console.log(`(cannot create a database: ${(error as Error).message}; using fresh schemas in the given one)`);
    await admin.end().catch(() => undefined);
    return { url, drop: async () => undefined };
  }
  await admin.end();
  const fresh = new URL(url);
  fresh.pathname = `/${name}`;
  return {
    url: fresh.toString(),
    drop: async () => {
      const client = pgClient(url);
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

