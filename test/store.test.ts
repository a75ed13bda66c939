import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { ingest, loadAnalyser } from "../src/pipeline/index.js";
import { openStore } from "../src/store/index.js";
import { BIN, FIXTURES, tempDir } from "./helpers.js";

const REPORTS = join(FIXTURES, "reports");
const analyseDocument = await loadAnalyser();

// The SQLite file under ingest (the store contract itself is test/store/).
describe("the SQLite store", () => {
  const dir = tempDir();

  it("stores a text once and says so when it comes again, in another format or spacing", async () => {
    const store = await openStore(join(dir, "dedup.db"));
    const first = await ingest([join(REPORTS, "statement.txt")], { store, analyse: analyseDocument });
    const copy = join(dir, "copy.txt");
    writeFileSync(
      copy,
      `https://example.org/other\n\n${(await import("node:fs")).readFileSync(join(REPORTS, "statement.txt"), "utf8").split("\n").slice(2).join("\n\n")}`,
    );
    const second = await ingest([join(REPORTS, "statement.txt"), copy], { store, analyse: analyseDocument });
    expect(first.added).toHaveLength(1);
    expect(second.added).toHaveLength(0);
    expect(second.duplicates.map((d) => d.id)).toEqual([first.added[0]!.id, first.added[0]!.id]);
    expect((await store.stats()).documents).toBe(1);
    await store.close();
  });

  it("keeps every stored document whole when the process is killed mid-ingest", async () => {
    const corpus = join(dir, "corpus");
    (await import("node:fs")).mkdirSync(corpus);
    for (let i = 0; i < 400; i++) {
      const paragraphs = Array.from(
        { length: 30 },
        (_, p) =>
          `Report ${i} paragraph ${p}: officials in Baghdad said the attack was under investigation. Witnesses described drones over the Green Zone.`,
      );
      writeFileSync(join(corpus, `r${String(i).padStart(3, "0")}.txt`), paragraphs.join("\n\n"));
    }
    const dbPath = join(dir, "killed.db");
    const child = spawn(process.execPath, [BIN, "--db", dbPath, "ingest", corpus], { stdio: "ignore" });
    // Wait until some documents are committed, then kill without warning.
    const started = Date.now();
    let seen = 0;
    while (Date.now() - started < 30_000) {
      await new Promise((r) => setTimeout(r, 25));
      try {
        const probe = new Database(dbPath, { readonly: true, fileMustExist: true });
        seen = (probe.prepare("SELECT COUNT(*) n FROM documents").get() as { n: number }).n;
        probe.close();
      } catch {
        // the file or its tables may not exist yet
      }
      if (seen >= 20) break;
    }
    child.kill("SIGKILL");
    await new Promise((r) => child.on("close", r));
    expect(seen).toBeGreaterThanOrEqual(20);

    const db = new Database(dbPath);
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    const torn = db
      .prepare(
        "SELECT d.id FROM documents d LEFT JOIN sentences s ON s.document_id = d.id GROUP BY d.id HAVING COUNT(s.rowid) <> MAX(d.sentence_count)",
      )
      .all();
    expect(torn).toEqual([]);
    const stored = (db.prepare("SELECT COUNT(*) n FROM documents").get() as { n: number }).n;
    expect(stored).toBeLessThan(400);
    db.close();

    const store = await openStore(dbPath);
    const resumed = await ingest([corpus], { store, analyse: analyseDocument });
    expect([resumed.added.length, resumed.duplicates.length]).toEqual([400 - stored, stored]);
    await store.close();
  });
});
