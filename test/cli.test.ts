import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analysisSchema } from "../src/domain/index.js";
import { EXAMPLES, FIXTURES, runCli, tempDir } from "./helpers.js";

const REPORTS = join(FIXTURES, "reports");

describe("the crisisdesk CLI", () => {
  const dir = tempDir();
  const db = join(dir, "cli.db");

  it("ingests a folder, then says the same files are duplicates", async () => {
    const first = await runCli(["--db", db, "ingest", REPORTS, join(FIXTURES, "pdf", "plain.pdf")]);
    expect(first.stderr).toBe("");
    expect(first.stdout).toMatch(/^10 added, 0 duplicates, 0 failed$/m);
    expect(first.code).toBe(0);
    const again = await runCli(["--db", db, "ingest", join(REPORTS, "statement.txt"), "--json"]);
    const report = JSON.parse(again.stdout);
    expect([report.added.length, report.duplicates.length, again.code]).toEqual([0, 1, 0]);
  });

  it("runs the README's main job on the shipped examples: every format, nothing failed", async () => {
    const examplesDb = join(dir, "examples.db");
    const res = await runCli(["--db", examplesDb, "ingest", "examples/"]);
    expect([res.code, res.stderr]).toEqual([0, ""]);
    expect(res.stdout).toMatch(/^11 added, 0 duplicates, 0 failed$/m);
    const docs = JSON.parse((await runCli(["--db", examplesDb, "list", "documents", "--json"])).stdout);
    expect(new Set(docs.map((d: { format: string }) => d.format))).toEqual(
      new Set(["txt", "html", "md", "pdf", "feed", "json"]),
    );
    expect(
      docs.every((d: { published: string | null; title: string | null }) => d.published && d.title),
    ).toBe(true);
    expect(EXAMPLES).toContain("examples");
  });

  it("keeps the knowledge base's affiliation graph in the store, queryable beside the reactions", async () => {
    const graphDb = join(dir, "graph.db");
    await runCli(["--db", graphDb, "ingest", "examples/"]);
    const backed = JSON.parse(
      (
        await runCli([
          "--db",
          graphDb,
          "list",
          "affiliations",
          "--target",
          "Iran",
          "--type",
          "backed_by",
          "--json",
        ])
      ).stdout,
    );
    expect(backed.map((a: { fromName: string }) => a.fromName)).toEqual(
      expect.arrayContaining(["Kata'ib Hezbollah", "Hezbollah"]),
    );
    // "Which reacting actors are backed by Iran?", answered by the store alone.
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(graphDb, { readonly: true });
    const reactors = db
      .prepare(
        "SELECT DISTINCT r.actor_name FROM reactions r JOIN affiliations f ON f.actor_id = r.actor_id WHERE f.target = 'state:IRN' AND f.type = 'backed_by'",
      )
      .all()
      .map((r) => (r as { actor_name: string }).actor_name);
    db.close();
    expect(reactors).toContain("Kata'ib Hezbollah");
  });

  it("uses CRISISDESK_DB when --db is not given", async () => {
    const envDb = join(dir, "env.db");
    const res = await runCli(["ingest", join(REPORTS, "statement.txt")], { env: { CRISISDESK_DB: envDb } });
    expect(res.code).toBe(0);
    const stats = JSON.parse((await runCli(["stats", "--json"], { env: { CRISISDESK_DB: envDb } })).stdout);
    expect([stats.documents, stats.path]).toEqual([1, envDb]);
  });

  it("lists documents as a table and as JSON, with --since and --limit", async () => {
    const table = await runCli(["--db", db, "list", "documents"]);
    expect(table.stdout.split("\n")[0]).toMatch(/^ID\s+PUBLISHED\s+FORMAT\s+WORDS\s+TITLE$/);
    expect(table.stdout).toContain("Leaders condemn attack on Iraqi PM");
    const json = JSON.parse(
      (await runCli(["--db", db, "list", "documents", "--json", "--since", "2021-11-09"])).stdout,
    );
    // An undated report counts from the day it was ingested.
    expect(json.map((d: { published: string | null }) => d.published ?? "undated").sort()).toEqual([
      "2021-11-09",
      "2021-11-09",
      "2021-11-10",
      "undated",
    ]);
    const limited = JSON.parse(
      (await runCli(["--db", db, "list", "documents", "--json", "--limit", "2"])).stdout,
    );
    expect(limited).toHaveLength(2);
  });

  it("searches sentences and shows a document by id prefix", async () => {
    const search = await runCli(["--db", db, "search", "cowardly", "act"]);
    expect(search.stdout).toContain("[cowardly] [act]");
    const id = search.stdout.slice(0, 12);
    const show = await runCli(["--db", db, "show", id.slice(0, 8)]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain("Leaders condemn attack on Iraqi PM");
    expect(show.stdout).toContain("published 2021-11-07  format html");
  });

  it("prints stats", async () => {
    const stats = JSON.parse((await runCli(["--db", db, "stats", "--json"])).stdout);
    expect(stats.documents).toBe(10);
    expect(stats.sentences).toBeGreaterThan(20);
    expect(stats.schemaVersion).toBeGreaterThanOrEqual(1);
  });

  it("analyses one file without touching the store and prints the contract", async () => {
    const res = await runCli(["analyze", join(REPORTS, "article.html")], { cwd: dir });
    expect(res.code).toBe(0);
    const analysis = analysisSchema.parse(JSON.parse(res.stdout));
    expect(analysis.document.title).toBe("Leaders condemn attack on Iraqi PM");
    expect(analysis.document.published).toBe("2021-11-07");
    expect(analysis.document.sentences).toBe(7);
    const md = await runCli(["analyze", join(REPORTS, "statement.txt"), "--format", "md"], { cwd: dir });
    expect(md.stdout).toMatch(/^# Statement by the Omani Foreign Ministry/);
    expect((await import("node:fs")).existsSync(join(dir, "crisisdesk.db"))).toBe(false);
  });

  it("names each failed input on one line and exits 1 while storing the rest", async () => {
    const mixed = join(dir, "mixed.db");
    const res = await runCli([
      "--db",
      mixed,
      "ingest",
      join(dir, "missing.txt"),
      join(FIXTURES, "pdf", "encrypted.pdf"),
      join(REPORTS, "statement.txt"),
    ]);
    expect(res.code).toBe(1);
    expect(res.stderr.trim().split("\n")).toEqual([
      `failed: ${join(dir, "missing.txt")}: no such file or directory`,
      `failed: ${join(FIXTURES, "pdf", "encrypted.pdf")}: the PDF is encrypted; decrypt it or export its text`,
    ]);
    expect(res.stdout).toMatch(/^1 added, 0 duplicates, 2 failed$/m);
  });

  it("exits 2 on bad usage and 0 on --help, with an example in every command's help", async () => {
    expect((await runCli(["list", "things"])).code).toBe(2);
    expect((await runCli(["list", "documents", "--limit", "zero"])).code).toBe(2);
    expect((await runCli(["frobnicate"])).code).toBe(2);
    expect((await runCli(["ingest"])).code).toBe(2);
    for (const command of ["ingest", "list", "search", "show", "analyze", "stats"]) {
      const help = await runCli([command, "--help"]);
      expect(help.code, command).toBe(0);
      expect(help.stdout, command).toMatch(/Examples:\n\s+\$ crisisdesk /);
    }
  });

  it("exits 1 with one line when a document id is unknown", async () => {
    const res = await runCli(["--db", db, "show", "ffffffff"]);
    expect([res.code, res.stderr]).toEqual([
      1,
      "crisisdesk: ffffffff: no document with this id or prefix (or the prefix is not unique)\n",
    ]);
  });
});
