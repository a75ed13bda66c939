// npm run bench: every benchmark, printed as a table to copy into docs/benchmarks.md.
import { cpus, totalmem } from "node:os";
import { benchIngest } from "./ingest.mjs";

const only = process.argv[2];
console.log(
  `machine: ${cpus()[0]?.model ?? "unknown cpu"} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
if (!only || only === "ingest") {
  const r = await benchIngest();
  console.log(
    `ingest (no extraction): ${r.documents} documents, ${(r.words / 1e6).toFixed(2)} M words, ${r.megabytes.toFixed(1)} MB in ${r.seconds.toFixed(2)} s` +
      ` → ${r.docsPerSecond.toFixed(0)} docs/s, ${(r.wordsPerSecond / 1e6).toFixed(2)} M words/s, ${r.mbPerSecond.toFixed(1)} MB/s` +
      ` (text stages alone: ${r.textStagesMbPerSecond.toFixed(1)} MB/s)`,
  );
}
