// npm run bench: every benchmark, printed as a table to copy into docs/benchmarks.md.
import { cpus, loadavg, totalmem } from "node:os";
import { benchAnalyze } from "./analyze.mjs";
import { benchHostile } from "./hostile.mjs";
import { benchIngest } from "./ingest.mjs";
import { benchKnowledge } from "./knowledge.mjs";
import { benchMatrix, benchQueue } from "./postgres.mjs";
import { benchReanalyze } from "./reanalyze.mjs";
import { benchStartup } from "./startup.mjs";

const only = process.argv[2];
console.log(
  `machine: ${cpus()[0]?.model ?? "unknown cpu"} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${loadavg()[0].toFixed(1)}`,
);
if (!only || only === "ingest") {
  const r = await benchIngest();
  console.log(
    `ingest (no extraction): ${r.documents} documents, ${(r.words / 1e6).toFixed(2)} M words, ${r.megabytes.toFixed(1)} MB in ${r.seconds.toFixed(2)} s` +
      ` → ${r.docsPerSecond.toFixed(0)} docs/s, ${(r.wordsPerSecond / 1e6).toFixed(2)} M words/s, ${r.mbPerSecond.toFixed(1)} MB/s` +
      ` (text stages alone: ${r.textStagesMbPerSecond.toFixed(1)} MB/s)`,
  );
}
if (!only || only === "analyze") {
  const r = await benchAnalyze();
  console.log(
    `analyze (extraction engine, one core): ${r.documents} documents, ${(r.words / 1e6).toFixed(2)} M words in ${r.seconds.toFixed(2)} s` +
      ` → ${(r.wordsPerSecond / 1e3).toFixed(0)} k words/s (${r.reactions} reactions found)`,
  );
  console.log(
    `compromise tagging, same text: ${r.tagger.documents} documents, ${(r.tagger.words / 1e3).toFixed(0)} k words in ${r.tagger.seconds.toFixed(2)} s` +
      ` → ${(r.tagger.wordsPerSecond / 1e3).toFixed(0)} k words/s; the engine is ${(r.wordsPerSecond / r.tagger.wordsPerSecond).toFixed(1)}× faster`,
  );
}
if (!only || only === "knowledge") {
  const r = benchKnowledge();
  console.log(
    `knowledge base: loaded ${r.size.actors} actors, ${r.size.aliases} names in ${r.loadMs.toFixed(0)} ms;` +
      ` a ${r.words}-word report resolved in ${r.msPerReport.toFixed(2)} ms (${r.mentionsPerReport} mentions)` +
      ` → ${(r.mentionsPerSecond / 1e3).toFixed(0)} k mentions/s`,
  );
}
if (!only || only === "reanalyze") {
  const r = await benchReanalyze();
  const line = (label, x) =>
    `  ${label}: ${x.seconds.toFixed(1)} s → ${x.docsPerSecond.toFixed(0)} docs/s, ${(x.wordsPerSecond / 1e3).toFixed(0)} k words/s (${x.changed} changed)`;
  console.log(
    [
      `re-analysis: ${r.documents} stored documents, ${(r.words / 1e6).toFixed(2)} M words, ${r.decisions} analyst decisions`,
      line("ingest with the engine (for comparison)", r.ingest),
      line("reanalyze --all, every report changed", r.allChanged),
      line("reanalyze --all, nothing changed", r.unchanged),
      line("reanalyze --all, store's share (analyses computed beforehand)", r.storeOnly),
    ].join("\n"),
  );
}
if (!only || only === "startup") {
  const r = benchStartup();
  console.log(
    `start-up (${r.help.runs} fresh processes each, medians): --help ${r.help.median.toFixed(0)} ms wall, ${r.help.cpu.toFixed(0)} ms CPU;` +
      ` analyze of a short report ${r.analyze.median.toFixed(0)} ms wall, ${r.analyze.cpu.toFixed(0)} ms CPU`,
  );
}
if (!only || only === "hostile") {
  const r = await benchHostile();
  console.log("hostile inputs (read + analyse, median of 3): case | size | seconds | s/MB | sentences");
  for (const row of r.rows)
    console.log(
      `  ${row.name} | ${(row.bytes / 1000).toFixed(0)} KB | ${row.seconds.toFixed(3)} | ${row.perMb.toFixed(2)} | ${row.sentences}`,
    );
}
if (!only || only === "queue") {
  const r = await benchQueue();
  console.log(
    `ingest with the engine, ${r.documents} reports: SQLite inline ${r.sqlite.docsPerSecond.toFixed(0)} docs/s; PostgreSQL workers ` +
      r.runs.map((x) => `${x.workers}: ${x.docsPerSecond.toFixed(0)} docs/s`).join(", "),
  );
}
if (!only || only === "matrix") {
  const r = await benchMatrix();
  for (const [name, x] of [
    ["SQLite", r.sqlite],
    ["PostgreSQL", r.postgres],
  ])
    console.log(
      `${name}, ${x.documents} reports: reaction matrix of a ${r.caseSize}-report case ${x.matrixMs.toFixed(0)} ms; list reactions --actor Kuwait --limit 100 ${x.listMs.toFixed(0)} ms (medians of 5)`,
    );
}
