// The CLI on a PostgreSQL store (--db postgres://…) gives what it gives on a SQLite file: the same
// example reports and case on both, and every reader's output compared.
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { examplesCase, runCli, tempDir } from "../helpers.js";
import { describePostgres, freshDatabase } from "../postgres.js";

describePostgres("the CLI on PostgreSQL", () => {
  const dir = tempDir("crisisdesk-pg-cli-");
  const sqlite = join(dir, "same.db");
  let postgres = "";
  const on =
    (db: string) =>
    async (...args: string[]) => {
      const r = await runCli(["--db", db, ...args]);
      if (r.code !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
      return r.stdout;
    };

  beforeAll(async () => {
    postgres = await freshDatabase("cli");
    await Promise.all([examplesCase(sqlite, "kadhimi"), examplesCase(postgres, "kadhimi")]);
  }, 180_000);

  it("lists, searches and assembles the case as the SQLite store does", async () => {
    const [pg, lite] = [on(postgres), on(sqlite)];
    for (const args of [
      ["list", "documents"],
      ["list", "reactions", "--actor", "Iran"],
      ["list", "attributions"],
      ["reactions", "kadhimi"],
      ["timeline", "kadhimi"],
    ]) {
      const [a, b] = await Promise.all([pg(...args), lite(...args)]);
      expect(a, args.join(" ")).toBe(b);
      expect(a.length).toBeGreaterThan(100);
    }
    // Search finds the same sentences; ranking (bm25 there, ts_rank here) and where a long
    // sentence's snippet is cut are each engine's own.
    const hits = async (db: string) =>
      (
        JSON.parse(await on(db)("search", "restraint", "--json")) as {
          documentId: string;
          sentence: number;
        }[]
      )
        .map((h) => `${h.documentId}#${h.sentence}`)
        .sort();
    const found = await hits(postgres);
    expect(found.length).toBeGreaterThan(1);
    expect(found).toEqual(await hits(sqlite));
  }, 120_000);

  it("finds an unchanged re-analysis unchanged, though jsonb reorders the stored analysis's keys", async () => {
    const pg = on(postgres);
    expect(await pg("reanalyze", "--all")).toContain("re-analysed 11 reports: 0 changed");
    const stats = JSON.parse(await pg("stats", "--json"));
    expect(stats).toMatchObject({ documents: 11, staleAnalyses: 0 });
    expect(stats.path).toBe(postgres.replace(/\/$/, ""));
  }, 120_000);

  it("names the server it cannot reach, without a password", async () => {
    const r = await runCli(["--db", "postgres://someone:secret@127.0.0.1:1/none", "list", "documents"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("cannot connect to the store");
    expect(r.stderr).not.toContain("secret");
  });
});
