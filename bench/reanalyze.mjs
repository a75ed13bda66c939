// Re-analysis throughput (issue 9): the ingest benchmark's 5,000 generated documents ingested
// with the engine into a fresh SQLite file, then `reanalyze --all` three ways: with an engine whose
// output changed for every report (the worst case: every analysis diffed, rewritten and its item
// changes recorded, one transaction per report), with nothing changed (the engine runs, the
// analysis compares equal and only the versions are stamped), and the store's share alone (the
// changed analyses computed beforehand, so what is timed is load, diff, decisions and write: the
// figure to set beside the ingest benchmark, which runs without extraction either).
import { readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ingest, loadEngine, openStore, reanalyze, reviewItem, reviewQueue } from "../dist/index.js";
import { ensureCorpus } from "./corpus.mjs";

/** The engine's output with its first reaction gone: a change in every report that has one. */
const changed = (analysis) => ({ ...analysis, reactions: analysis.reactions.slice(1) });

export async function benchReanalyze({ documents = 5000, decisions = 200 } = {}) {
  const dir = ensureCorpus(join(tmpdir(), `crisisdesk-bench-corpus-${documents}`), documents);
  if (readdirSync(dir).length !== documents) throw new Error("corpus incomplete");
  const dbPath = join(tmpdir(), `crisisdesk-bench-reanalyze-${process.pid}.db`);
  const store = await openStore(dbPath);
  try {
    const engine = await loadEngine(store);
    const t0 = performance.now();
    const ingested = await ingest([dir], { store, analyse: engine.analyse, versions: engine.versions });
    const ingestSeconds = (performance.now() - t0) / 1000;
    if (ingested.added.length !== documents) throw new Error(`expected ${documents} added`);
    const words = (await store.stats()).words;

    // Some analyst decisions, so that the effective record is derived again as it would be.
    const queue = (await reviewQueue(store, { kinds: ["reaction"] })).slice(0, decisions);
    const deps = { store, kb: undefined, plover: undefined };
    for (const q of queue) await reviewItem(deps, q.id, "accept", { by: "bench" });

    const versions = (kb) => ({ engine: engine.versions.engine, kb });
    const timed = async (analyse, v) => {
      const t = performance.now();
      const r = await reanalyze({ all: true }, { store, analyse, versions: v });
      return { seconds: (performance.now() - t) / 1000, changed: r.changed };
    };
    const allChanged = await timed((d) => changed(engine.analyse(d)), versions("bench-1"));
    const unchanged = await timed((d) => changed(engine.analyse(d)), versions("bench-2"));
    // The store's share: the next analyses (the engine's own again) computed before the clock starts.
    const next = new Map();
    for (const id of await store.documentIds()) {
      const report = await store.loadReport(id);
      next.set(id, engine.analyse(report.document));
    }
    const storeOnly = await timed((d) => next.get(d.id), versions("bench-3"));
    const rate = (r) => ({ ...r, docsPerSecond: documents / r.seconds, wordsPerSecond: words / r.seconds });
    return {
      documents,
      words,
      decisions: queue.length,
      ingest: rate({ seconds: ingestSeconds, changed: documents }),
      allChanged: rate(allChanged),
      unchanged: rate(unchanged),
      storeOnly: rate(storeOnly),
    };
  } finally {
    await store.close();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(dbPath + suffix, { force: true });
  }
}
