// Hostile inputs (issue 14): one long line without sentence punctuation and HTML nested absurdly
// deep, at 10 KB, 100 KB and 1 MB, each read (HTML parsed, text normalised and segmented) and
// analysed by the whole engine, in one process. The cost must grow linearly with the size: the
// seconds per MB of the three sizes should be about equal. The inputs come from
// test/fixtures/hostile/generate.mjs, the same the tests use.
import { cpus, loadavg } from "node:os";
import { buildDocument, loadAnalyser, plainTextBlocks } from "../dist/index.js";
import { readHtml } from "../dist/ingestion/formats/html.js";
import { longLine, nestedHtml } from "../test/fixtures/hostile/generate.mjs";

const SIZES = [10_000, 100_000, 1_000_000];

/** The median of `runs` timed runs, after one untimed run (the JIT's warm-up for this shape). */
function time(work, runs) {
  let result = work();
  const seconds = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = work();
    seconds.push((performance.now() - t0) / 1000);
  }
  seconds.sort((a, b) => a - b);
  return { seconds: seconds[Math.floor(runs / 2)], result };
}

export async function benchHostile({ sizes = SIZES, runs = 3 } = {}) {
  const analyse = await loadAnalyser();
  const cases = {
    "long line": (bytes) => {
      const text = longLine(bytes);
      return () =>
        analyse(
          buildDocument({ meta: { source: "long.txt", format: "txt" }, blocks: plainTextBlocks(text) }),
        );
    },
    "nested HTML": (bytes) => {
      const html = nestedHtml(bytes);
      return () => analyse(buildDocument(readHtml(html, "nested.html")));
    },
  };
  const rows = [];
  for (const [name, make] of Object.entries(cases)) {
    for (const bytes of sizes) {
      const run = make(bytes);
      const { seconds, result } = time(run, runs);
      rows.push({
        name,
        bytes,
        seconds,
        perMb: seconds / (bytes / 1e6),
        sentences: result.document.sentences,
      });
    }
  }
  return { rows, load: loadavg()[0], cpu: cpus()[0]?.model ?? "unknown cpu" };
}
