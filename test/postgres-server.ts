// vitest globalSetup: one throw-away PostgreSQL server for the whole run (initdb + pg_ctl on a free
// loopback port under a temporary folder, as the `postgres` user when run as root), stopped at
// teardown. Test files get its superuser URL through inject("postgresUrl") and make a database of
// their own per store (test/postgres.ts). CRISISDESK_SKIP_PG=1 skips the PostgreSQL tests, except
// in CI, where the contract must run on both backends.
import type { TestProject } from "vitest/node";
import { startLocalPostgres } from "../scripts/local-postgres.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string | null;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.CRISISDESK_SKIP_PG === "1") {
    if (process.env.CI) throw new Error("CRISISDESK_SKIP_PG=1 in CI: the PostgreSQL tests must run there");
    project.provide("postgresUrl", null);
    return;
  }
  const server = await startLocalPostgres();
  project.provide("postgresUrl", server.url);
  return () => server.stop();
}
