// Ingestion throughput: read, normalise, segment and store a generated corpus of 5,000 documents
// (about 5 million words) into a fresh SQLite file, without extraction, and report documents/s,
// words/s and MB/s. Then the same corpus through the text stages alone, to show where time goes.
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildDocument, documentHeader, ingest, openStore, plainTextBlocks } from "../dist/index.js";
import { ensureCorpus } from "./corpus.mjs";

const emptyAnalysis = (d) => ({
  document: documentHeader(d),
  actors: [],
  events: [],
  reactions: [],
  quotes: [],
  attributions: [],
});

export async function benchIngest({ documents = 5000 } = {}) {
  const dir = ensureCorpus(join(tmpdir(), `crisisdesk-bench-corpus-${documents}`), documents);
  const files = readdirSync(dir).map((f) => join(dir, f));
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);

  const dbPath = join(tmpdir(), `crisisdesk-bench-${process.pid}.db`);
  const store = await openStore(dbPath);
  const t0 = performance.now();
  const report = await ingest([dir], { store, analyse: emptyAnalysis });
  const seconds = (performance.now() - t0) / 1000;
  const stats = await store.stats();
  await store.close();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(dbPath + suffix, { force: true });
  if (report.added.length !== documents)
    throw new Error(`expected ${documents} added, got ${report.added.length}`);

  const texts = files.map((f) => readFileSync(f, "utf8"));
  const t1 = performance.now();
  for (const text of texts)
    buildDocument({ meta: { source: "x", format: "txt" }, blocks: plainTextBlocks(text) });
  const textSeconds = (performance.now() - t1) / 1000;

  return {
    documents,
    words: stats.words,
    megabytes: bytes / 1e6,
    seconds,
    docsPerSecond: documents / seconds,
    wordsPerSecond: stats.words / seconds,
    mbPerSecond: bytes / 1e6 / seconds,
    textStagesMbPerSecond: bytes / 1e6 / textSeconds,
  };
}
