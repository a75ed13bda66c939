// A store written before the review layer (schema 3) opens without loss: its reports, analyses and
// items are kept, items get their content ids, and its analyses count as stale until re-analysed.
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { buildDocument } from "../../src/ingestion/index.js";
import { loadEngine, storeStats } from "../../src/pipeline/index.js";
import { reanalyze, reviewQueue } from "../../src/review/index.js";
import { openStore } from "../../src/store/index.js";
import { MIGRATIONS } from "../../src/store/sqlite/migrations.js";
import { tempDir } from "../helpers.js";

const TEXT =
  "BAGHDAD, Nov 7 (Reuters) - France condemned the drone attack on the residence of Iraqi Prime Minister Mustafa al-Kadhimi on Sunday. " +
  'Jordan\'s foreign ministry said it "stands with Iraq" and called for restraint.';

describe("the store migration to the review layer", () => {
  const dir = tempDir("crisisdesk-migrate-");

  it("opens a schema-3 store without loss and gives its items ids", async () => {
    const path = join(dir, "old.db");
    const document = buildDocument({
      meta: { source: "old.txt", format: "txt", published: "2021-11-07" },
      blocks: [{ kind: "paragraph", level: 0, text: TEXT }],
    });
    // The analysis as the old code stored it, written with the old schema's own statements.
    const scratch = await openStore(join(dir, "scratch.db"));
    const analysis = (await loadEngine(scratch)).analyse(document);
    await scratch.close();
    expect(analysis.reactions.length).toBeGreaterThan(0);
    const old = new Database(path);
    for (const migration of MIGRATIONS.slice(0, 3)) old.exec(migration);
    old.pragma("user_version = 3");
    old
      .prepare(
        `INSERT INTO documents (id, title, author, published, source, url, format, language, words, sentence_count, text, blocks, analysis, ingested_at)
         VALUES (?, ?, NULL, ?, ?, NULL, 'txt', 'en', ?, ?, ?, ?, ?, '2021-11-08T00:00:00.000Z')`,
      )
      .run(
        document.id,
        document.title,
        document.published,
        document.source,
        document.words,
        document.sentences.length,
        document.text,
        JSON.stringify(document.blocks),
        JSON.stringify(analysis),
      );
    for (const s of document.sentences)
      old
        .prepare(
          "INSERT INTO sentences (document_id, idx, block, start, end, text) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .run(document.id, s.index, s.block, s.span[0], s.span[1], s.text);
    for (const r of analysis.reactions)
      old
        .prepare(
          "INSERT INTO reactions (document_id, actor_id, actor_name, actor_kind, country, stance, event_id, sentence, start, end, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .run(
          document.id,
          r.actor.id ?? null,
          r.actor.name,
          r.actor.kind,
          r.actor.country,
          r.stance,
          r.event_id,
          r.sentence,
          r.offset[0],
          r.offset[1],
          r.confidence,
        );
    old.close();

    const store = await openStore(path);
    const stats = await storeStats(store);
    expect(stats).toMatchObject({ schemaVersion: 8, documents: 1, staleAnalyses: 1 });
    expect(stats.reactions).toBe(analysis.reactions.length);
    const stored = await store.getDocument(document.id);
    expect(stored?.text).toBe(document.text);
    expect(stored?.analysis).toEqual(analysis);
    const rows = await store.listReactions();
    expect(rows.every((r) => /^r-[0-9a-f]{12}$/.test(r.item as string))).toBe(true);
    expect((await reviewQueue(store)).map((q) => q.id).sort()).toEqual(
      expect.arrayContaining(rows.map((r) => r.item as string).sort()),
    );

    const engine = await loadEngine(store);
    const report = await reanalyze({ all: true }, { store, ...engine });
    expect(report).toMatchObject({ documents: 1, changed: 0 });
    expect((await storeStats(store)).staleAnalyses).toBe(0);
    await store.close();
  }, 60_000);
});
