// The PostgreSQL server the test run started (test/postgres-server.ts), and a new empty database
// on it per store, so that tests never share state.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, inject } from "vitest";

export const POSTGRES_URL = inject("postgresUrl");

/** describe, skipped when the run was told to skip PostgreSQL (CRISISDESK_SKIP_PG=1). */
export function describePostgres(name: string, body: () => void): void {
  describe.skipIf(!POSTGRES_URL)(name, body);
}

/** A postgres:// URL naming a new, empty database. */
export async function freshDatabase(prefix = "t"): Promise<string> {
  if (!POSTGRES_URL) throw new Error("no PostgreSQL server in this test run");
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client(POSTGRES_URL);
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs one statement on a database. */
export async function sql(url: string, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}
